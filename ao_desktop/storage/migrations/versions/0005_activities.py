"""activities, holiday overrides, message templates

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

The visit calendar (issue #13): the activity log, the admin's corrections to the public
holidays and the WhatsApp/SMS templates. Only new tables: existing clients and products
stay untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("products", sa.Text(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=True),
        sa.Column("result_reason", sa.Text(), nullable=False),
        sa.Column("promise_date", sa.Date(), nullable=True),
        sa.Column("promise_amount", sa.Integer(), nullable=False),
        sa.Column("follow_up_of", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_activities_client_id_clients"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["follow_up_of"], ["activities.id"],
                                name=op.f("fk_activities_follow_up_of_activities"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"],
                                name=op.f("fk_activities_officer_id_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index("ix_activities_officer_start", ["officer_id", "starts_at"])
        batch_op.create_index("ix_activities_start", ["starts_at"])
        batch_op.create_index("ix_activities_officer_status_start",
                              ["officer_id", "status", "starts_at"])
        batch_op.create_index("ix_activities_client_status_start",
                              ["client_id", "status", "starts_at"])
        batch_op.create_index("ix_activities_promise", ["promise_date"])
        batch_op.create_index("ix_activities_follow_up_of", ["follow_up_of"])
    op.create_table(
        "holiday_overrides",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("is_holiday", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_holiday_overrides")),
    )
    op.create_table(
        "message_templates",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_message_templates")),
    )


def downgrade() -> None:
    op.drop_table("message_templates")
    op.drop_table("holiday_overrides")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        for name in ("ix_activities_follow_up_of", "ix_activities_promise",
                     "ix_activities_client_status_start", "ix_activities_officer_status_start",
                     "ix_activities_start", "ix_activities_officer_start"):
            batch_op.drop_index(name)
    op.drop_table("activities")
