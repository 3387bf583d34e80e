"""loan portfolio: extracts, accounts, positions, client CIFs, warning letters

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

The loan portfolio (issue #15): core-banking extracts by as-of date, loan accounts with
their latest position, each extract's positions (the history) and their sums per officer,
Kol and aging bucket (loan_rollups, what the portfolio view reads), the CIF kept on a client
once matched, and warning letters. Only new tables; the collectibility policy is a
setting seeded here (OJK's rule for commercial banks) so a new database is complete.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ao_desktop.storage import dialect

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "loan_extracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("accounts", sa.Integer(), nullable=False),
        sa.Column("outstanding", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loan_extracts")),
        sa.UniqueConstraint("as_of", name=op.f("uq_loan_extracts_as_of")),
    )
    op.create_table(
        "loan_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_no", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("cif", sa.String(length=40), nullable=False),
        sa.Column("borrower_name", sa.String(length=120), nullable=False),
        sa.Column("product", sa.String(length=60), nullable=False),
        sa.Column("plafond", sa.Integer(), nullable=False),
        sa.Column("disbursed_on", sa.Date(), nullable=True),
        sa.Column("tenor_months", sa.Integer(), nullable=False),
        sa.Column("rate_pct", sa.String(length=12), nullable=False),
        sa.Column("installment", sa.Integer(), nullable=False),
        sa.Column("outstanding", sa.Integer(), nullable=False),
        sa.Column("arrears_principal", sa.Integer(), nullable=False),
        sa.Column("arrears_interest", sa.Integer(), nullable=False),
        sa.Column("penalty", sa.Integer(), nullable=False),
        sa.Column("days_past_due", sa.Integer(), nullable=False),
        sa.Column("collectibility", sa.Integer(), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("last_payment", sa.Date(), nullable=True),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("officer_code", sa.String(length=40), nullable=False),
        sa.Column("extract_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_loan_accounts_client_id_clients"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"],
                                name=op.f("fk_loan_accounts_officer_id_officers")),
        sa.ForeignKeyConstraint(["extract_id"], ["loan_extracts.id"],
                                name=op.f("fk_loan_accounts_extract_id_loan_extracts"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["application_id"], ["credit_applications.id"],
                                name=op.f("fk_loan_accounts_application_id_credit_applications"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loan_accounts")),
        sa.UniqueConstraint("account_no", name=op.f("uq_loan_accounts_account_no")),
    )
    with op.batch_alter_table("loan_accounts", schema=None) as batch_op:
        batch_op.create_index("ix_loan_accounts_client", ["client_id"])
    op.create_table(
        "loan_positions",
        sa.Column("extract_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("outstanding", sa.Integer(), nullable=False),
        sa.Column("arrears_principal", sa.Integer(), nullable=False),
        sa.Column("arrears_interest", sa.Integer(), nullable=False),
        sa.Column("penalty", sa.Integer(), nullable=False),
        sa.Column("days_past_due", sa.Integer(), nullable=False),
        sa.Column("collectibility", sa.Integer(), nullable=False),
        sa.Column("installment", sa.Integer(), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("last_payment", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["extract_id"], ["loan_extracts.id"],
                                name=op.f("fk_loan_positions_extract_id_loan_extracts"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["account_id"], ["loan_accounts.id"],
                                name=op.f("fk_loan_positions_account_id_loan_accounts"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"],
                                name=op.f("fk_loan_positions_officer_id_officers")),
        sa.PrimaryKeyConstraint("extract_id", "account_id", name=op.f("pk_loan_positions")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("loan_positions", schema=None) as batch_op:
        batch_op.create_index("ix_loan_positions_account", ["account_id"])
        batch_op.create_index("ix_loan_positions_client", ["client_id", "extract_id"])
    op.create_table(
        "loan_rollups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("extract_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("collectibility", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=False),
        sa.Column("accounts", sa.Integer(), nullable=False),
        sa.Column("outstanding", sa.Integer(), nullable=False),
        sa.Column("arrears", sa.Integer(), nullable=False),
        sa.Column("unmatched", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["extract_id"], ["loan_extracts.id"],
                                name=op.f("fk_loan_rollups_extract_id_loan_extracts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loan_rollups")),
    )
    with op.batch_alter_table("loan_rollups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loan_rollups_extract_id"), ["extract_id"])
    op.create_table(
        "client_cifs",
        sa.Column("cif", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_client_cifs_client_id_clients"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("cif", name=op.f("pk_client_cifs")),
    )
    with op.batch_alter_table("client_cifs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_client_cifs_client_id"), ["client_id"])
    op.create_table(
        "warning_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("arrears_principal", sa.Integer(), nullable=False),
        sa.Column("arrears_interest", sa.Integer(), nullable=False),
        sa.Column("penalty", sa.Integer(), nullable=False),
        sa.Column("days_past_due", sa.Integer(), nullable=False),
        sa.Column("issued_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["loan_accounts.id"],
                                name=op.f("fk_warning_letters_account_id_loan_accounts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_letters")),
    )
    with op.batch_alter_table("warning_letters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_warning_letters_account_id"), ["account_id"])
        batch_op.create_index("ux_warning_letters_branch_year_seq", ["branch_code", "year", "sequence"],
                              unique=True)
    # A new or upgraded database starts with OJK's rule for commercial banks.
    dialect.insert_setting_if_missing(op.get_bind(), "portfolio.collectibility_policy",
                                      "ojk_bank_umum:0,90,120,180")


def downgrade() -> None:
    op.execute("DELETE FROM settings WHERE key = 'portfolio.collectibility_policy'")
    for table in ("warning_letters", "client_cifs", "loan_rollups", "loan_positions", "loan_accounts",
                  "loan_extracts"):
        op.drop_table(table)
