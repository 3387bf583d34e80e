"""product catalog

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Adds the `products` table. Rates and percentages are TEXT holding exact Decimal strings;
benefits, documents, eligibility, allowed methods and tiered rates are JSON arrays. Only a
new table: an existing database (schema 1) keeps every client untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("short_description", sa.Text(), nullable=False),
        sa.Column("long_description", sa.Text(), nullable=False),
        sa.Column("benefits", sa.Text(), nullable=False),
        sa.Column("required_documents", sa.Text(), nullable=False),
        sa.Column("eligibility", sa.Text(), nullable=False),
        sa.Column("rate_pa", sa.String(length=24), nullable=False),
        sa.Column("method", sa.String(length=12), nullable=True),
        sa.Column("allowed_methods", sa.Text(), nullable=False),
        sa.Column("tiered_rates", sa.Text(), nullable=False),
        sa.Column("min_tenor_months", sa.Integer(), nullable=False),
        sa.Column("max_tenor_months", sa.Integer(), nullable=False),
        sa.Column("min_amount", sa.Integer(), nullable=False),
        sa.Column("max_amount", sa.Integer(), nullable=False),
        sa.Column("provision_pct", sa.String(length=24), nullable=False),
        sa.Column("admin", sa.Integer(), nullable=False),
        sa.Column("insurance_pct", sa.String(length=24), nullable=False),
        sa.Column("notary", sa.Integer(), nullable=False),
        sa.Column("rounding", sa.String(length=8), nullable=False),
        sa.Column("max_dsr_pct", sa.String(length=24), nullable=True),
        sa.Column("aro_available", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("terms_version", sa.String(length=20), nullable=False),
        sa.Column("terms_effective", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("code", name=op.f("uq_products_code")),
    )


def downgrade() -> None:
    op.drop_table("products")
