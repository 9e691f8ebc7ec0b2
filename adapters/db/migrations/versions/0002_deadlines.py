"""Deadlines: the next deadline and alert of each case, indexed for the sweeps.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

from adapters.db.tables import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = [
    ("state_entered_at", UtcDateTime, {}),
    ("last_activity_at", UtcDateTime, {}),
    ("needs_plan", sa.Boolean, {"nullable": False, "server_default": sa.false()}),
    ("scaled_down_at", UtcDateTime, {}),
    ("follow_ups_done", sa.Integer, {"nullable": False, "server_default": "0"}),
    ("deadline_at", UtcDateTime, {}),
    ("deadline_kind", sa.String(40), {}),
    ("alert_stage", sa.Integer, {"nullable": False, "server_default": "0"}),
    ("next_alert_at", UtcDateTime, {}),
    ("feedback_due_at", UtcDateTime, {}),
    ("feedback_alert_at", UtcDateTime, {}),
]
INDEXED = ["deadline_at", "next_alert_at", "feedback_alert_at"]


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for name, kind, options in COLUMNS:
            batch.add_column(sa.Column(name, kind, **options))
    for name in INDEXED:
        op.create_index(f"ix_cases_{name}", "cases", [name])


def downgrade() -> None:
    for name in INDEXED:
        op.drop_index(f"ix_cases_{name}", "cases")
    with op.batch_alter_table("cases") as batch:
        for name, _, _ in reversed(COLUMNS):
            batch.drop_column(name)
