"""The broker worker on the real RabbitMQ: once in effect, dead letters with reasons, replay."""

import threading

import pytest
from kombu import Connection, Producer
from sqlalchemy import update

from adapters.bootstrap import App
from adapters.bus import dead_letter_queue
from adapters.bus.messages import EVENT_TYPE_HEADER, ORIGIN_QUEUE_HEADER
from adapters.bus.relay import Relay
from adapters.bus.topology import Topology
from adapters.bus.worker import Worker
from adapters.db.tables import handled_messages, notifications, outbox
from tests.conftest import new_report
from tests.exactly_once import assert_handled_exactly_once, count, expected_handled
from tests.integration.bus.conftest import take_all
from workflow.commands import FireTrigger, RegisterReport
from workflow.events import ReportReceived
from workflow.transition_data import transition_data

ASSESS = {"level": "acute", "indicators": ["runs_away"], "rationale": "signals"}
DIRECT = {"case_director": "anna", "plan": "plan van aanpak"}


def advance(app: App, count: int) -> None:
    """Cases with three notifying events each: received, acute risk, direction started."""
    for _ in range(count):
        ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))
        for trigger, data in (("assess_risk", ASSESS), ("start_case_direction", DIRECT)):
            app.bus.handle(
                FireTrigger(actor="anna", case_id=ref.case_id, data=transition_data(trigger, data))
            )


def drain(app: App, batched: bool = True) -> int:
    """The worker as `meldpunt worker` runs it (in batches), or message by message."""
    batches = app.batches if batched else None
    return Worker(app.bus, app.settings, batches=batches).run(threading.Event(), drain=True)


BATCHED = pytest.mark.parametrize("batched", [True, False], ids=["batches", "one_by_one"])


def intake_notifications(app: App) -> int:
    return count(app, notifications, notifications.c.kind == "new_report")


@BATCHED
def test_each_event_is_handled_once_in_effect_even_when_delivered_twice(
    bus_app: App, batched: bool
) -> None:
    advance(bus_app, 3)
    events = count(bus_app, outbox)
    relay = Relay(bus_app.outbox, bus_app.settings)
    assert relay.relay_once() == events
    # Publish every event a second time, as a relay that crashed before its commit would.
    with bus_app.engine.begin() as conn:
        conn.execute(update(outbox).values(status="pending"))
    assert relay.relay_once() == events

    assert drain(bus_app, batched) == 2 * events

    assert_handled_exactly_once(bus_app)
    assert intake_notifications(bus_app) == 3
    assert take_all(bus_app.settings) == []


def publish_raw(app: App, body: bytes, **properties: object) -> None:
    topology = Topology.from_settings(app.settings)
    with Connection(app.settings.broker_url, transport_options={"confirm_publish": True}) as conn:
        topology.declare(conn)
        Producer(conn.default_channel, exchange=topology.exchange, auto_declare=False).publish(
            body,
            routing_key="case.ReportReceived",
            content_type="application/json",
            content_encoding="utf-8",
            delivery_mode=2,
            **properties,
        )


def test_malformed_messages_are_dead_lettered_with_a_reason_and_block_nothing(
    bus_app: App,
) -> None:
    headers = {EVENT_TYPE_HEADER: "ReportReceived"}
    publish_raw(bus_app, b"{not json", message_id="m-bad-json", headers=headers)
    publish_raw(bus_app, b"{}", message_id="m-unknown", headers={EVENT_TYPE_HEADER: "Nope"})
    publish_raw(bus_app, b"{}", headers=headers)  # no message id
    advance(bus_app, 2)  # good events behind the bad ones
    Relay(bus_app.outbox, bus_app.settings).relay_once()

    drain(bus_app)

    assert intake_notifications(bus_app) == 2
    assert count(bus_app, handled_messages) == len(expected_handled(bus_app))
    dead = dead_letter_queue.list_dead(bus_app.settings)
    reasons = {row["message_id"]: row["reason"] for row in dead}
    assert set(reasons) == {"m-bad-json", "m-unknown", None}
    assert reasons["m-bad-json"].startswith("invalid ReportReceived body")
    assert reasons["m-unknown"] == "unknown event type 'Nope'"
    assert reasons[None] == "missing message_id"
    assert len(dead_letter_queue.list_dead(bus_app.settings)) == 3  # listing leaves them in place


@BATCHED
def test_a_failing_handler_ends_in_dead_letters_and_replay_brings_it_back(
    bus_app: App, batched: bool
) -> None:
    """In a batch, the failure rolls the batch back and its messages go one by one: the failing
    handler is retried and dead-lettered alone, every other handler commits once."""
    broken = {"yes": True}
    calls: list[str] = []
    poisoned: list[str] = []  # the one case whose report the flaky handler cannot take

    def flaky(event: ReportReceived, uow: object) -> None:
        if event.case_id in poisoned:
            calls.append(str(event.event_id))
            if broken["yes"]:
                raise RuntimeError("partner system down")

    bus_app.bus.event_handlers[ReportReceived].append(("tests.flaky", flaky))
    advance(bus_app, 2)  # other messages in the same batch, whose handlers must all commit
    ref = bus_app.bus.handle(RegisterReport(actor="intake", report=new_report()))
    poisoned.append(ref.case_id)
    Relay(bus_app.outbox, bus_app.settings).relay_once()

    drain(bus_app, batched)

    limit = bus_app.settings.broker_delivery_limit
    # The first delivery and `limit` redeliveries; in batches, one more try if the first
    # delivery came in a batch with others (that try rolled back with its batch).
    assert limit + 1 <= len(calls) <= limit + 1 + batched
    healthy = len(expected_handled(bus_app)) - 1  # every handler but the flaky one, once each
    assert count(bus_app, handled_messages) == healthy
    [dead] = dead_letter_queue.list_dead(bus_app.settings)
    assert dead["reason"] == "tests.flaky: RuntimeError: partner system down"
    assert dead["origin_queue"] == bus_app.settings.broker_queue

    broken["yes"] = False
    assert dead_letter_queue.replay(bus_app.settings, message_id=dead["message_id"]) == 1
    drain(bus_app)

    assert dead_letter_queue.list_dead(bus_app.settings) == []
    assert count(bus_app, handled_messages) == healthy + 1  # now the flaky handler committed too
    assert calls[-1] == dead["message_id"]


def test_replay_all_puts_back_every_dead_letter_once(bus_app: App) -> None:
    headers = {EVENT_TYPE_HEADER: "Nope", ORIGIN_QUEUE_HEADER: bus_app.settings.broker_queue}
    for n in range(3):
        publish_raw(bus_app, b"{}", message_id=f"m{n}", headers=headers)
    drain(bus_app)
    assert len(dead_letter_queue.list_dead(bus_app.settings)) == 3

    assert dead_letter_queue.replay(bus_app.settings) == 3
    assert dead_letter_queue.list_dead(bus_app.settings) == []
    assert [m.properties["message_id"] for m in take_all(bus_app.settings)] == ["m0", "m1", "m2"]


def test_a_message_whose_worker_keeps_dying_is_dead_lettered_by_the_broker(bus_app: App) -> None:
    """A poison message that kills its worker before any handler can fail: each dead connection
    returns it, the quorum queue counts that, and past the limit RabbitMQ dead-letters it."""
    publish_raw(bus_app, b"{}", message_id="m-poison", headers={EVENT_TYPE_HEADER: "Nope"})
    topology = Topology.from_settings(bus_app.settings)
    for _ in range(bus_app.settings.broker_delivery_limit + 1):
        with Connection(bus_app.settings.broker_url) as conn:  # a worker that takes it and dies
            queue = topology.queue.bind(conn.channel())
            assert queue.get(no_ack=False) is not None
    [dead] = dead_letter_queue.list_dead(bus_app.settings)
    assert (dead["message_id"], dead["reason"]) == ("m-poison", "delivery_limit")
    assert dead["origin_queue"] == bus_app.settings.broker_queue
    assert take_all(bus_app.settings) == []
