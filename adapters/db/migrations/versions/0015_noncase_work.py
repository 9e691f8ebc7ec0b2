"""The non-case work: advice questions (adviesvragen) and prevention activities and trainings.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

from adapters.db.tables import UtcDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "advice_questions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("asked_on", sa.Date, nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("professional", sa.String(30), nullable=False),
        sa.Column("municipality", sa.String(60), nullable=False),
        sa.Column("topics", sa.Text, nullable=False),
        sa.Column("advice", sa.LargeBinary, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("led_to_report", sa.Boolean, nullable=False),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="SET NULL")),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", UtcDateTime, nullable=False),
    )
    op.create_index("ix_advice_questions_case_id", "advice_questions", ["case_id"])
    op.create_index(
        "ix_advice_questions_asked_on", "advice_questions", ["asked_on", "municipality"]
    )
    op.create_table(
        "prevention_activities",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("municipality", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("audience", sa.String(30), nullable=False),
        sa.Column("participants", sa.Integer, nullable=False),
        sa.Column("partners", sa.Text, nullable=False),
        sa.Column("hours", sa.Float, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", UtcDateTime, nullable=False),
        sa.Column("held_by", sa.String(100)),
        sa.Column("held_at", UtcDateTime),
    )
    op.create_index(
        "ix_prevention_activities_day", "prevention_activities", ["day", "municipality"]
    )


def downgrade() -> None:
    op.drop_table("prevention_activities")
    op.drop_table("advice_questions")
