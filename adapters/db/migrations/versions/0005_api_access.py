"""HTTP API: users, tokens, the access log (NEN 7513).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

Reserved in the chain so parallel work does not fork the migration history; filled in by the
issue that needs it.
"""

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
