"""A person may hold several roles: `user_roles` (one row per user and role) in place of
`users.role`; the access log's `role` holds every role the person acted with, so it is wider.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "role"),
    )
    op.execute("INSERT INTO user_roles (user_id, role) SELECT id, role FROM users")
    if op.get_bind().dialect.name == "sqlite":
        # In place (SQLite 3.35 and later): a rebuilt `users` would break the foreign keys of
        # api_tokens and user_roles, which cannot be switched off inside the transaction.
        op.execute("ALTER TABLE users DROP COLUMN role")
    else:
        op.drop_column("users", "role")
    with op.batch_alter_table("access_log") as batch:
        batch.alter_column(
            "role", type_=sa.String(100), existing_type=sa.String(30), existing_nullable=False
        )


def downgrade() -> None:
    with op.batch_alter_table("access_log") as batch:
        batch.alter_column(
            "role", type_=sa.String(30), existing_type=sa.String(100), existing_nullable=False
        )
    # In place on SQLite too (see upgrade); the default stays, as a rebuild would be needed.
    op.add_column("users", sa.Column("role", sa.String(30), nullable=False, server_default="intake"))
    # One role each, as before: the first by name.
    op.execute(
        "UPDATE users SET role = (SELECT MIN(role) FROM user_roles WHERE user_id = users.id) "
        "WHERE EXISTS (SELECT 1 FROM user_roles WHERE user_id = users.id)"
    )
    op.drop_table("user_roles")
