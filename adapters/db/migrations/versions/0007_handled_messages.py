"""The inbox is `handled_messages` (a person's messages are notifications), and the access log's
head row exists from the start, so appending can lock it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    _rename("inbox", "handled_messages")
    head = sa.table("access_log_head", sa.column("id"), sa.column("last_id"), sa.column("last_hash"))
    bind = op.get_bind()
    if bind.execute(sa.select(sa.func.count()).select_from(head)).scalar() == 0:
        op.bulk_insert(head, [{"id": 1, "last_id": 0, "last_hash": GENESIS}])


def downgrade() -> None:
    _rename("handled_messages", "inbox")


def _rename(old: str, new: str) -> None:
    op.drop_index(f"ix_{old}_processed_at", table_name=old)
    op.rename_table(old, new)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE {new} RENAME CONSTRAINT pk_{old} TO pk_{new}")
    op.create_index(f"ix_{new}_processed_at", new, ["processed_at"])
