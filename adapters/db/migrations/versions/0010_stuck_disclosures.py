"""A disclosure still pending past MELDPUNT_DISCLOSURE_STUCK_MINUTES is said to the team lead
once: `stuck_alerted_at` records that it was.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

from adapters.db.tables import UtcDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("disclosures") as batch:
        batch.add_column(sa.Column("stuck_alerted_at", UtcDateTime))


def downgrade() -> None:
    with op.batch_alter_table("disclosures") as batch:
        batch.drop_column("stuck_alerted_at")
