"""HTTP API: users, tokens, the access log (NEN 7513).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

from adapters.db.tables import BigId, UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("team", sa.String(100)),
        sa.Column("created_at", UtcDateTime, nullable=False),
    )
    op.create_index("ix_users_team", "users", ["team"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("expires_at", UtcDateTime, nullable=False),
        sa.Column("revoked_at", UtcDateTime),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "access_log",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("on_behalf_of", sa.String(100)),
        sa.Column("via", sa.String(100), nullable=False),
        sa.Column("client", sa.String(100)),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("resource", sa.String(40), nullable=False),
        sa.Column("case_id", sa.String(36)),
        sa.Column("subject_key", sa.String(64)),
        sa.Column("fields", sa.Text),
        sa.Column("purpose", sa.String(200)),
        sa.Column("outcome", sa.String(30), nullable=False),
        sa.Column("break_glass", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("reason", sa.Text),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("row_hash", sa.String(64), nullable=False, unique=True),
    )
    for column in ("case_id", "subject_key", "break_glass"):
        op.create_index(f"ix_access_log_{column}", "access_log", [column])
    op.create_table(
        "access_log_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last_id", sa.BigInteger, nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("access_log_head")
    for column in ("break_glass", "subject_key", "case_id"):
        op.drop_index(f"ix_access_log_{column}", "access_log")
    op.drop_table("access_log")
    op.drop_index("ix_api_tokens_user_id", "api_tokens")
    op.drop_table("api_tokens")
    op.drop_index("ix_users_team", "users")
    op.drop_table("users")
