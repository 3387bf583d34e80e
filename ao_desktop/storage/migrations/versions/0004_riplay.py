"""riplay: product content OJK's RIPLAY needs, and the record of RIPLAYs handed over

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

Adds the RIPLAY columns to `products` (empty: a product the app seeded and nobody has
changed gets its content from the seed when the database is next opened; any other
product waits for an admin, and is refused on printing until then) and the
`riplay_records` table. Clients and products keep every existing value.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(sa.Column("risks", sa.Text(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("late_penalty", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("early_repayment", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("other_costs", sa.Text(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column("early_withdrawal_penalty", sa.Text(), nullable=False, server_default="")
        )
    op.create_table(
        "riplay_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("product_code", sa.String(length=20), nullable=False),
        sa.Column("product_name", sa.String(length=120), nullable=False),
        sa.Column("product_kind", sa.String(length=12), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("tenor_months", sa.Integer(), nullable=False),
        sa.Column("rate_pa", sa.String(length=24), nullable=False),
        sa.Column("terms_version", sa.String(length=20), nullable=False),
        sa.Column("product_version", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("officer_name", sa.String(length=120), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"],
            name=op.f("fk_riplay_records_client_id_clients"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_riplay_records_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_riplay_records")),
    )  # fmt: skip
    op.create_index("ix_riplay_records_client", "riplay_records", ["client_id", "printed_at"])
    op.create_index("ix_riplay_records_printed", "riplay_records", ["printed_at"])


def downgrade() -> None:
    op.drop_index("ix_riplay_records_printed", table_name="riplay_records")
    op.drop_index("ix_riplay_records_client", table_name="riplay_records")
    op.drop_table("riplay_records")
    with op.batch_alter_table("products", schema=None) as batch_op:
        for name in ("early_withdrawal_penalty", "other_costs", "early_repayment",
                     "late_penalty", "risks"):  # fmt: skip
            batch_op.drop_column(name)
