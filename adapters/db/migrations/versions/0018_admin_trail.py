"""Administrators leave a trail: each user and each token says who made it, and a token made
for someone else's account waits for a second administrator's approval (docs/privacy.md,
"Administrators"). Earlier rows were made before the trail: their maker is unknown (NULL) and
their tokens count as approved.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("created_by", sa.String(100)))
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("created_by", sa.String(100)))
        batch.add_column(sa.Column("approved_by", sa.String(100)))
        batch.add_column(
            sa.Column("pending", sa.Boolean, nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("pending")
        batch.drop_column("approved_by")
        batch.drop_column("created_by")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("created_by")
