"""report targets and report history

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

Monthly work reports (issue #16): officers' monthly targets and the history of every
generated report. Only new tables.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("new_prospects", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("applications", sa.Integer(), nullable=False),
        sa.Column("disbursement", sa.Integer(), nullable=False),
        sa.Column("collection_rate", sa.String(length=12), nullable=False),
        sa.Column("npl_ceiling", sa.String(length=12), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"],
                                name=op.f("fk_report_targets_officer_id_officers"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_targets")),
        sa.UniqueConstraint("officer_id", "month", name="uq_report_targets_officer_month"),
    )
    op.create_table(
        "report_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=32), nullable=False),
        sa.Column("period_kind", sa.String(length=12), nullable=False),
        sa.Column("period_first", sa.Date(), nullable=False),
        sa.Column("period_last", sa.Date(), nullable=False),
        sa.Column("scope", sa.String(length=24), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("notes_obstacles", sa.Text(), nullable=False),
        sa.Column("notes_plan", sa.Text(), nullable=False),
        sa.Column("sections", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("pdf_path", sa.Text(), nullable=False),
        sa.Column("xlsx_path", sa.Text(), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"],
                                name=op.f("fk_report_history_officer_id_officers"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_history")),
    )
    with op.batch_alter_table("report_history", schema=None) as batch_op:
        batch_op.create_index("ix_report_history_period_scope", ["period_key", "scope", "version"])
        batch_op.create_index("ix_report_history_created", ["created_at"])


def downgrade() -> None:
    with op.batch_alter_table("report_history", schema=None) as batch_op:
        batch_op.drop_index("ix_report_history_created")
        batch_op.drop_index("ix_report_history_period_scope")
    op.drop_table("report_history")
    op.drop_table("report_targets")
