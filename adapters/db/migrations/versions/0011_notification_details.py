"""Notifications keep the values their text names (`details`, JSON) instead of an English
sentence, so each entry point says them in the person's language. An older row keeps its
sentence as `{"text": ...}`, shown after the label of its kind.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

notifications = sa.table(
    "notifications",
    sa.column("id", sa.BigInteger),
    sa.column("kind", sa.String),
    sa.column("message", sa.Text),
    sa.column("details", sa.Text),
)


def upgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("details", sa.Text, nullable=False, server_default="{}"))
    conn = op.get_bind()
    rows = conn.execute(sa.select(notifications.c.id, notifications.c.message)).all()
    for row in rows:
        details = json.dumps({"text": row.message})
        conn.execute(
            notifications.update().where(notifications.c.id == row.id).values(details=details)
        )
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("message")


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("message", sa.Text, nullable=False, server_default=""))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(notifications.c.id, notifications.c.kind, notifications.c.details)
    ).all()
    for row in rows:
        message = json.loads(row.details).get("text") or row.kind.replace("_", " ")
        conn.execute(
            notifications.update().where(notifications.c.id == row.id).values(message=message)
        )
    with op.batch_alter_table("notifications") as batch:
        batch.alter_column("message", server_default=None)
        batch.drop_column("details")
