"""Partners: consent records and disclosures (the record and the delivery queue of every message
to a partner).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

from adapters.db.tables import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("consent_id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("given_by", sa.String(30), nullable=False),
        sa.Column("scope", sa.String(30), nullable=False),
        sa.Column("partner", sa.String(40)),
        sa.Column("given_at", UtcDateTime, nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("withdrawn_at", UtcDateTime),
        sa.Column("withdrawn_by", sa.String(100)),
    )
    op.create_index("ix_consents_case_id", "consents", ["case_id"])
    op.create_table(
        "disclosures",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("partner", sa.String(40), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("event_type", sa.String(60), nullable=False),
        sa.Column("form", sa.String(20), nullable=False),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("legal_basis", sa.Text, nullable=False),
        sa.Column("consent_id", sa.String(36)),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", UtcDateTime, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("delivered_at", UtcDateTime),
        sa.UniqueConstraint("event_id", "partner", "form", name="uq_disclosures_event_partner_form"),
    )
    op.create_index("ix_disclosures_case_id", "disclosures", ["case_id"])
    op.create_index("ix_disclosures_status_next", "disclosures", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_table("disclosures")
    op.drop_table("consents")
