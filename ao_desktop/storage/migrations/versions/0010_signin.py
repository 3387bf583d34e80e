"""sign-in: officers' PIN hash and lockout, the audit trail's who and about-whom, append-only

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

Sign-in and the audit trail (issue #17). Officers gain a PIN hash (NULL on a database
made before sign-in: each officer chooses a PIN at their next start), the wrong tries in
a row and the time a lock ends, so a lock holds on every PC sharing the database. The
audit log gains the signed-in officer's id and the client an entry is about (the viewer's
filters) and becomes append-only: triggers refuse (dialect.make_audit_append_only) every UPDATE and DELETE on it. Each
existing officer's role is written to the audit as it stands, the baseline against which
a role changed outside the app (by hand in the file) is recognised and refused.
"""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

from ao_desktop.storage import dialect

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pin_hash", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("failed_tries", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
    # Plain ADD COLUMN (no table copy): the audit log may hold millions of rows.
    op.add_column("audit_log", sa.Column("officer_id", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("client_id", sa.Integer(), nullable=True))
    op.create_index("ix_audit_log_client", "audit_log", ["client_id"], unique=False)
    op.create_index("ix_audit_log_officer_at", "audit_log", ["officer_id", "at"], unique=False)
    op.create_index("ix_audit_log_at", "audit_log", ["at"], unique=False)
    # Entries about a client already say so in (table_name, row_id).
    op.execute("UPDATE audit_log SET client_id = row_id WHERE table_name = 'clients'")
    conn = op.get_bind()
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")
    for officer_id, role in conn.exec_driver_sql("SELECT id, role FROM officers").fetchall():
        dialect.execute(
            conn,
            "INSERT INTO audit_log (table_name, row_id, action, actor, at, details) "
            "VALUES ('officers', ?, 'role_baseline', 'migrasi 0010', ?, ?)",
            (officer_id, now, json.dumps({"role": [None, role]})),
        )
    dialect.make_audit_append_only(conn)


def downgrade() -> None:
    dialect.drop_audit_append_only(op.get_bind())
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_index("ix_audit_log_officer_at", table_name="audit_log")
    op.drop_index("ix_audit_log_client", table_name="audit_log")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("client_id")
        batch_op.drop_column("officer_id")
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_tries")
        batch_op.drop_column("pin_hash")
