"""Figures: the non-identifying facts figures count, kept plain beside the encrypted report
(sex, kind of reporter, forms of exploitation) and the moments the time norms measure.
Earlier cases get their assessments and starts of case direction from their history (plain);
their other facts are in the encrypted report and count as unknown (docs/figures.md).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

from adapters.db.tables import UtcDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_facts",
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("sex", sa.String(10), nullable=False),
        sa.Column("reporter_kind", sa.String(30), nullable=False),
    )
    op.create_table(
        "case_forms",
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("form", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "form", name="pk_case_forms"),
    )
    op.create_table(
        "case_milestones",
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("case_id", "seq", name="pk_case_milestones"),
    )
    op.create_index("ix_case_milestones_kind", "case_milestones", ["kind", "case_id"])
    op.execute(
        "INSERT INTO case_milestones (case_id, seq, kind, at) "
        "SELECT case_id, seq, CASE trigger WHEN 'start_case_direction' THEN 'plan_of_approach' "
        "ELSE 'assessed' END, occurred_at FROM case_history "
        "WHERE trigger IN ('assess_risk', 'start_case_direction')"
    )


def downgrade() -> None:
    op.drop_index("ix_case_milestones_kind", table_name="case_milestones")
    op.drop_table("case_milestones")
    op.drop_table("case_forms")
    op.drop_table("case_facts")
