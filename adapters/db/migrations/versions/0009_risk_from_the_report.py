"""Risk from the report: the level the report's signals suggest at intake, an assessment awaiting
a team lead's confirmation, and whether the case is acute (lists sort acute cases first).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("suggested_risk_level", sa.String(16)))
        batch.add_column(
            sa.Column("awaiting_confirmation", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("urgent", sa.Boolean, nullable=False, server_default=sa.false()))
    op.execute("UPDATE cases SET urgent = true WHERE risk_level = 'acute'")
    op.create_index("ix_cases_urgent_deadline", "cases", ["urgent", "deadline_at"])


def downgrade() -> None:
    op.drop_index("ix_cases_urgent_deadline", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("urgent")
        batch.drop_column("awaiting_confirmation")
        batch.drop_column("suggested_risk_level")
