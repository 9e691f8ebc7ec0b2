"""Two relays on one PostgreSQL outbox at the same time: FOR UPDATE SKIP LOCKED hands each row to
one of them, so no event is published twice (counted by message id on the real queue)."""

import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import insert

from adapters.bootstrap import App, bootstrap
from adapters.bus.relay import Relay
from adapters.db.migrate import upgrade
from adapters.db.outbox import outbox_row
from adapters.db.tables import outbox
from tests.conftest import with_people
from tests.exactly_once import count
from tests.integration.bus.conftest import bus_settings, take_all
from workflow.events import ReportReceived

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq]

EVENTS = 2000


@pytest.fixture
def pg_bus_app(postgres_url: str, broker_url: str) -> Iterator[App]:
    application = bootstrap(bus_settings(postgres_url, broker_url, relay_batch_size=20))
    upgrade(application.engine)
    with_people(application)
    yield application
    application.engine.dispose()


def fill_outbox(app: App, events: int) -> None:
    """Outbox rows as a command would write them, in bulk: the relay only reads the rows."""
    now = app.clock()
    rows = []
    for n in range(events):
        event = ReportReceived(
            case_id=f"case-{n}", occurred_at=now, actor="intake", channel="phone"
        )
        rows.append(outbox_row(event, now))
    with app.engine.begin() as conn:
        conn.execute(insert(outbox), rows)


def test_two_relays_at_once_never_publish_the_same_row_twice(pg_bus_app: App) -> None:
    fill_outbox(pg_bus_app, EVENTS)
    relays = [Relay(pg_bus_app.outbox, pg_bus_app.settings) for _ in range(2)]
    published = [0, 0]
    start = threading.Barrier(2)

    def run(n: int) -> None:
        start.wait()
        while (batch := relays[n].relay_once()) > 0 or pg_bus_app.outbox.status()["pending"]:
            published[n] += batch

    threads = [threading.Thread(target=run, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for relay in relays:
        relay.close()

    per_message = Counter(m.properties["message_id"] for m in take_all(pg_bus_app.settings))
    assert len(per_message) == EVENTS
    assert set(per_message.values()) == {1}  # no message id twice
    assert sum(published) == EVENTS
    assert min(published) > 0, published  # both relays really worked at the same time
    assert pg_bus_app.outbox.status()["done"] == count(pg_bus_app, outbox) == EVENTS
