"""Break-the-glass grants: one stated reason opens a case for one person for a bounded time;
each grant is told to the team lead and reviewed (open, justified, not_justified).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

from adapters.db.tables import UtcDateTime

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "break_glass_grants",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("role", sa.String(100), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("granted_at", UtcDateTime, nullable=False),
        sa.Column("expires_at", UtcDateTime, nullable=False),
        sa.Column("review_state", sa.String(20), nullable=False, server_default="open"),
        sa.Column("reviewed_by", sa.String(100)),
        sa.Column("reviewed_at", UtcDateTime),
        sa.Column("review_reason", sa.Text),
    )
    op.create_index(
        "ix_break_glass_grants_review_state", "break_glass_grants", ["review_state"]
    )
    op.create_index(
        "ix_break_glass_grants_actor_case",
        "break_glass_grants",
        ["actor", "case_id", "expires_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_break_glass_grants_actor_case", "break_glass_grants")
    op.drop_index("ix_break_glass_grants_review_state", "break_glass_grants")
    op.drop_table("break_glass_grants")
