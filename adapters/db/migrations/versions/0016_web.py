"""The web application for people (issue 15): password hashes of local accounts, web sessions
(only a SHA-256 of each session id is kept), filters a person saved on their worklist, and the
team lead's review of break-the-glass reads (the access log itself stays append-only).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

from adapters.db.tables import UtcDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_passwords",
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("changed_at", UtcDateTime, nullable=False),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("roles", sa.String(200), nullable=False),
        sa.Column("team", sa.String(100)),
        sa.Column("via", sa.String(100), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("last_seen_at", UtcDateTime, nullable=False, index=True),
        sa.Column("ended_at", UtcDateTime),
    )
    op.create_table(
        "web_filters",
        sa.Column("user_name", sa.String(100), primary_key=True),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("saved_at", UtcDateTime, nullable=False),
    )
    op.create_table(
        "break_glass_reviews",
        sa.Column("access_log_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("reviewed_by", sa.String(100), nullable=False),
        sa.Column("reviewed_at", UtcDateTime, nullable=False),
    )


    # The worklist's order (urgent first, then the nearest deadline, none last): a page of it
    # reads the index in order and stops at its LIMIT.
    op.create_index(
        "ix_cases_urgency",
        "cases",
        [
            sa.text("urgent DESC"),
            sa.text("(deadline_at IS NULL)"),
            "deadline_at",
            "received_at",
            "id",
        ],
    )

    op.create_index(
        "ix_cases_director_urgency",
        "cases",
        [
            "case_director",
            sa.text("urgent DESC"),
            sa.text("(deadline_at IS NULL)"),
            "deadline_at",
            "received_at",
            "id",
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_cases_director_urgency", table_name="cases")
    op.drop_index("ix_cases_urgency", table_name="cases")
    for table in ("break_glass_reviews", "web_filters", "web_sessions", "web_passwords"):
        op.drop_table(table)
