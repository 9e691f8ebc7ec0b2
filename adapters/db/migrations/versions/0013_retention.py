"""Retention (issue 17): each closed case's archive terms (ZGW archiefnominatie,
archiefactiedatum, archiefstatus) and when it was anonymised; legal holds; destruction lists
with their items, approvals and removals; the access log's anchor once old rows are pruned.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

from adapters.db.tables import UtcDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("archive_nomination", sa.String(20)))
        batch.add_column(sa.Column("archive_action_date", sa.Date()))
        batch.add_column(sa.Column("archive_status", sa.String(30)))
        batch.add_column(sa.Column("retention_rule", sa.String(40)))
        batch.add_column(sa.Column("anonymised_at", UtcDateTime()))
    op.create_index("ix_cases_archive_action_date", "cases", ["archive_action_date"])
    op.create_table(
        "legal_holds",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("placed_by", sa.String(100), nullable=False),
        sa.Column("placed_at", UtcDateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("lifted_by", sa.String(100)),
        sa.Column("lifted_at", UtcDateTime()),
        sa.Column("lift_reason", sa.Text()),
    )
    op.create_index("ix_legal_holds_case_id", "legal_holds", ["case_id"])
    op.create_table(
        "destruction_lists",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("approved_by", sa.String(100)),
        sa.Column("approved_at", UtcDateTime()),
    )
    op.create_table(
        "destruction_items",
        sa.Column("list_id", sa.String(36), sa.ForeignKey("destruction_lists.id"), nullable=False),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("why", sa.String(20), nullable=False),
        sa.Column("rule", sa.String(40)),
        sa.Column("due_on", sa.Date()),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("requested_by", sa.String(100)),
        sa.Column("removed_by", sa.String(100)),
        sa.Column("removed_at", UtcDateTime()),
        sa.Column("removed_reason", sa.Text()),
        sa.Column("anonymised_at", UtcDateTime()),
        sa.PrimaryKeyConstraint("list_id", "case_id", name="pk_destruction_items"),
    )
    op.create_index(
        "ix_destruction_items_case_status", "destruction_items", ["case_id", "status"]
    )
    op.create_index("ix_destruction_items_status", "destruction_items", ["status"])
    op.create_table(
        "access_log_anchor",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("first_id", sa.BigInteger(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("pruned_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("access_log_anchor")
    op.drop_table("destruction_items")
    op.drop_table("destruction_lists")
    op.drop_table("legal_holds")
    op.drop_index("ix_cases_archive_action_date", "cases")
    with op.batch_alter_table("cases") as batch:
        for column in (
            "anonymised_at",
            "retention_rule",
            "archive_status",
            "archive_action_date",
            "archive_nomination",
        ):
            batch.drop_column(column)
