"""client problems and their history

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

Client problems (permasalahan nasabah, issue #15): the problem with its working-day
deadline, extension, escalation and resolution, and every step of its handling. Only
new tables; nothing else is touched, so this revision stands on its own.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "client_problems",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("original_deadline", sa.Date(), nullable=False),
        sa.Column("extension_reason", sa.Text(), nullable=False),
        sa.Column("extended_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("escalated_to", sa.Integer(), nullable=True),
        sa.Column("escalation_note", sa.Text(), nullable=False),
        sa.Column("escalated_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_client_problems_client_id_clients"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"],
                                name=op.f("fk_client_problems_officer_id_officers")),
        sa.ForeignKeyConstraint(["escalated_to"], ["officers.id"],
                                name=op.f("fk_client_problems_escalated_to_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_problems")),
    )
    with op.batch_alter_table("client_problems", schema=None) as batch_op:
        batch_op.create_index("ix_client_problems_officer_status_deadline",
                              ["officer_id", "status", "deadline"])
        batch_op.create_index("ix_client_problems_status_deadline", ["status", "deadline"])
        batch_op.create_index("ix_client_problems_client", ["client_id"])
    op.create_table(
        "client_problem_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["problem_id"], ["client_problems.id"],
                                name=op.f("fk_client_problem_history_problem_id_client_problems"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_problem_history")),
    )
    with op.batch_alter_table("client_problem_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_client_problem_history_problem_id"), ["problem_id"])


def downgrade() -> None:
    with op.batch_alter_table("client_problem_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_problem_history_problem_id"))
    op.drop_table("client_problem_history")
    with op.batch_alter_table("client_problems", schema=None) as batch_op:
        for name in ("ix_client_problems_client", "ix_client_problems_status_deadline",
                     "ix_client_problems_officer_status_deadline"):
            batch_op.drop_index(name)
    op.drop_table("client_problems")
