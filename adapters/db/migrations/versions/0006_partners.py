"""Partners: consent, disclosures, partner inbox and webhook deliveries.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28

Reserved in the chain so parallel work does not fork the migration history; filled in by the
issue that needs it.
"""

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
