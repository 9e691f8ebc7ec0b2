"""Intake: subject keys, age at report, re-victimisation floor, and links between cases.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

from adapters.db.tables import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KEYS = ["subject_key", "name_dob_key", "dob_key"]


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for name in KEYS:
            batch.add_column(sa.Column(name, sa.String(64)))
        batch.add_column(sa.Column("age_at_report", sa.Integer))
        batch.add_column(sa.Column("risk_floor", sa.String(16)))
    for name in KEYS:
        op.create_index(f"ix_cases_{name}", "cases", [name])
    op.create_table(
        "case_links",
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("linked_case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("decided_by", sa.String(100)),
        sa.Column("decided_at", UtcDateTime),
        sa.PrimaryKeyConstraint("case_id", "linked_case_id", name="pk_case_links"),
    )


def downgrade() -> None:
    op.drop_table("case_links")
    for name in KEYS:
        op.drop_index(f"ix_cases_{name}", "cases")
    with op.batch_alter_table("cases") as batch:
        for name in ["risk_floor", "age_at_report", *reversed(KEYS)]:
            batch.drop_column(name)
