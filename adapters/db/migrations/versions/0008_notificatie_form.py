"""A disclosure in the Notificaties API shape is a `notificatie`: the word "notification" now
means only a message to a person.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

disclosures = sa.table("disclosures", sa.column("form", sa.String))


def upgrade() -> None:
    op.execute(
        disclosures.update().where(disclosures.c.form == "notification").values(form="notificatie")
    )


def downgrade() -> None:
    op.execute(
        disclosures.update().where(disclosures.c.form == "notificatie").values(form="notification")
    )
