"""What "exactly once in effect" means, checked on the database after a run of the pipeline."""

from typing import Any

from sqlalchemy import func, select

from adapters.bootstrap import App
from adapters.bus import dead_letter_queue
from adapters.db.tables import handled_messages, notifications, outbox
from workflow.events import EVENT_TYPES


def count(app: App, table: Any, *where: Any) -> int:
    with app.engine.connect() as conn:
        query = select(func.count()).select_from(table).where(*where)
        return int(conn.execute(query).scalar_one())


def expected_handled(app: App) -> set[tuple[str, str]]:
    """(event, handler) for every committed event: what exactly once in effect must produce."""
    with app.engine.connect() as conn:
        rows = conn.execute(select(outbox.c.event_id, outbox.c.event_type)).all()
    return {
        (event_id, name)
        for event_id, event_type in rows
        for name in app.bus.handler_names(EVENT_TYPES[event_type])
    }


def assert_handled_exactly_once(app: App) -> None:
    """Every committed event ran each of its handlers once: one handled-message row per (event,
    handler), no notification twice, and one intake notification per report."""
    expected = expected_handled(app)
    n = notifications.c
    with app.engine.connect() as conn:
        handled = {
            tuple(row)
            for row in conn.execute(
                select(handled_messages.c.message_id, handled_messages.c.handler)
            )
        }
        per_notification = select(func.count()).select_from(notifications)
        grouped = per_notification.group_by(n.event_id, n.recipient, n.kind)
        copies = conn.execute(grouped).scalars().all()
        reports = conn.execute(
            select(func.count()).where(outbox.c.event_type == "ReportReceived")
        ).scalar_one()
    status = app.outbox.status()
    assert (status["pending"], status["dead"]) == (0, 0)
    assert handled == expected
    assert count(app, handled_messages) == len(expected)
    assert set(copies) == {1}  # no notification twice
    assert count(app, notifications, n.kind == "new_report") == reports  # and none missing
    assert dead_letter_queue.list_dead(app.settings) == []
