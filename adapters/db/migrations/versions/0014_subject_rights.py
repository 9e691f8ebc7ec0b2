"""Rights of the data subject: a case may be restricted (AVG art. 18), so that only the team
lead reads it; who restricted it and why, and the lifting, are in its history.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(
            sa.Column("restricted", sa.Boolean, nullable=False, server_default=sa.false())
        )
    op.create_index("ix_cases_restricted", "cases", ["restricted"])


def downgrade() -> None:
    op.drop_index("ix_cases_restricted", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("restricted")
