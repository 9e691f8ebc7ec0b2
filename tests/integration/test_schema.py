"""The Alembic migrations build exactly the tables in `adapters/db/tables.py`, on both backends."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from adapters.bootstrap import App
from adapters.db.migrate import downgrade, upgrade
from adapters.db.tables import metadata


def schema_diffs(app: App) -> list[object]:
    with app.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": conn.dialect.name == "sqlite"}
        )
        return list(compare_metadata(context, metadata))


def test_migrations_produce_exactly_the_table_metadata(app: App) -> None:
    assert schema_diffs(app) == []


def test_upgrade_is_idempotent_and_downgrade_removes_every_table(app: App) -> None:
    upgrade(app.engine)
    assert schema_diffs(app) == []
    downgrade(app.engine, "base")
    assert set(inspect(app.engine).get_table_names()) <= {"alembic_version"}
    upgrade(app.engine)
    assert schema_diffs(app) == []


def test_a_notification_written_before_details_keeps_its_text(app: App) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import text

    downgrade(app.engine, "0010")
    with app.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO notifications (recipient, kind, case_id, message, created_at) "
                "VALUES ('anna', 'follow_up_due', 'c-1', 'follow-up 2 is due', :at)"
            ),
            {"at": datetime(2026, 11, 2, tzinfo=UTC).replace(tzinfo=None)},
        )
    upgrade(app.engine)
    [row] = app.notifications.page(["anna"], 10, 0)[0]
    assert row["details"] == {"text": "follow-up 2 is due"}
    assert app.texts.notification(row["kind"], row["details"]).endswith("follow-up 2 is due")
