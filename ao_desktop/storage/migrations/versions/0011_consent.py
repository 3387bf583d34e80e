"""consent record: when consent to be contacted was given, its purpose and channels, its withdrawal

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

Personal data (issue #17, UU PDP). `clients.consent_contact` keeps meaning "consent is
valid now"; new columns record when it was given, for what purpose, over which channels
(telepon, sms, whatsapp), and when it was withdrawn and why. A client who consented
before this schema gets the day their record was created as the day given (the earliest
day the app can vouch for), purpose "layanan" and every channel, which is what the
single checkbox ("Bersedia dihubungi lewat telepon/WhatsApp") allowed until now.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): a branch database may hold a million clients.
    op.add_column("clients", sa.Column("consent_given_on", sa.Date(), nullable=True))
    op.add_column("clients", sa.Column("consent_purpose", sa.String(length=16),
                                       server_default="layanan", nullable=False))
    op.add_column("clients", sa.Column("consent_channels", sa.String(length=40),
                                       server_default="telepon,sms,whatsapp", nullable=False))
    op.add_column("clients", sa.Column("consent_withdrawn_on", sa.Date(), nullable=True))
    op.add_column("clients", sa.Column("consent_withdrawal_reason", sa.Text(),
                                       server_default="", nullable=False))
    # TRUE, not 1: a boolean on PostgreSQL, 1 on SQLite.
    op.execute("UPDATE clients SET consent_given_on = date(created_at) WHERE consent_contact = TRUE")


def downgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_column("consent_withdrawal_reason")
        batch_op.drop_column("consent_withdrawn_on")
        batch_op.drop_column("consent_channels")
        batch_op.drop_column("consent_purpose")
        batch_op.drop_column("consent_given_on")
