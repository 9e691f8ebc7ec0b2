"""Alembic environment: runs on the engine that `adapters.db.migrate` hands it."""

from alembic import context
from sqlalchemy import text

from adapters.db.tables import metadata

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # A batch migration copies a table and drops the old one, which the foreign keys
        # pointing at it refuse. SQLite honours this pragma only outside a transaction, so it
        # goes to the driver's connection before SQLAlchemy begins one; the keys are checked
        # again below before the migration counts as done.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite and connection.execute(text("PRAGMA foreign_key_check")).first():
                raise RuntimeError("the migration left rows whose foreign key points nowhere")
        connection.commit()
    finally:
        if sqlite:
            connection.rollback()
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
