"""Notifications remember when they were e-mailed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

from adapters.db.tables import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("emailed_at", UtcDateTime))


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("emailed_at")
