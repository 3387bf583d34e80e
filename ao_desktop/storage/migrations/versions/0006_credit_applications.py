"""credit applications and their status history

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Credit applications (issue #14): the request, the AO's figures and assessment as JSON,
and the status history. Only new tables: clients and products stay untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "credit_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("tenor_months", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("purpose_description", sa.Text(), nullable=False),
        sa.Column("installment", sa.Integer(), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("collateral", sa.Text(), nullable=False),
        sa.Column("five_c", sa.Text(), nullable=False),
        sa.Column("slik", sa.Text(), nullable=False),
        sa.Column("documents", sa.Text(), nullable=False),
        sa.Column("recommendation", sa.Text(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rejection_reason", sa.Text(), nullable=False),
        sa.Column("disbursed_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_credit_applications_client_id_clients"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"],
                                name=op.f("fk_credit_applications_officer_id_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_applications")),
    )
    with op.batch_alter_table("credit_applications", schema=None) as batch_op:
        batch_op.create_index("ix_credit_applications_officer_status", ["officer_id", "status"])
        batch_op.create_index("ix_credit_applications_status", ["status"])
        batch_op.create_index("ix_credit_applications_client", ["client_id"])
    op.create_table(
        "credit_application_status_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"], ["credit_applications.id"],
            name=op.f("fk_credit_application_status_history_application_id_credit_applications"),
            ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_application_status_history")),
    )
    with op.batch_alter_table("credit_application_status_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_credit_application_status_history_application_id"), ["application_id"])


def downgrade() -> None:
    with op.batch_alter_table("credit_application_status_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credit_application_status_history_application_id"))
    op.drop_table("credit_application_status_history")
    with op.batch_alter_table("credit_applications", schema=None) as batch_op:
        for name in ("ix_credit_applications_client", "ix_credit_applications_status",
                     "ix_credit_applications_officer_status"):
            batch_op.drop_index(name)
    op.drop_table("credit_applications")
