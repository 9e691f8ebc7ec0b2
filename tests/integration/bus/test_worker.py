"""The broker worker on the real RabbitMQ: once in effect, dead letters with reasons, replay."""

import threading

from kombu import Connection, Producer
from sqlalchemy import func, select, update

from adapters.bootstrap import App
from adapters.bus import dead_letters
from adapters.bus.messages import EVENT_TYPE_HEADER, ORIGIN_QUEUE_HEADER
from adapters.bus.relay import Relay
from adapters.bus.topology import Topology
from adapters.bus.worker import Worker
from adapters.db.tables import inbox, notifications, outbox
from tests.conftest import REPORT
from tests.integration.bus.conftest import take_all
from workflow.commands import FireTrigger, RegisterReport
from workflow.events import ReportReceived
from workflow.report import Report

ASSESS = {"level": "acute", "indicators": ["runs_away"], "rationale": "signals"}
DIRECT = {"case_director": "anna", "plan": "plan van aanpak"}


def advance(app: App, count: int) -> None:
    """Cases with three notifying events each: received, acute risk, direction started."""
    for _ in range(count):
        ref = app.bus.handle(RegisterReport(actor="intake", report=Report.parse(REPORT)))
        for trigger, data in (("assess_risk", ASSESS), ("start_case_direction", DIRECT)):
            app.bus.handle(
                FireTrigger(actor="anna", case_id=ref.case_id, trigger=trigger, data=data)
            )


def drain(app: App) -> int:
    return Worker(app.bus, app.settings).run(threading.Event(), drain=True)


def count(app: App, table: object) -> int:
    with app.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def notifications_per_event(app: App) -> list[int]:
    query = select(func.count()).select_from(notifications).group_by(notifications.c.event_id)
    with app.engine.connect() as conn:
        return sorted(conn.execute(query).scalars())


def test_each_event_is_handled_once_in_effect_even_when_delivered_twice(bus_app: App) -> None:
    advance(bus_app, 3)
    relay = Relay(bus_app.outbox, bus_app.settings)
    assert relay.relay_once() == 9
    # Publish every event a second time, as a relay that crashed before its commit would.
    with bus_app.engine.begin() as conn:
        conn.execute(update(outbox).values(status="pending"))
    assert relay.relay_once() == 9

    assert drain(bus_app) == 18

    assert count(bus_app, inbox) == 9  # one row per (event, handler): each event has one handler
    assert notifications_per_event(bus_app) == [1] * 9
    assert take_all(bus_app.settings) == []
    assert take_all(bus_app.settings, dead=True) == []


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

    assert notifications_per_event(bus_app) == [1] * 6
    dead = dead_letters.list_dead(bus_app.settings)
    reasons = {row["message_id"]: row["reason"] for row in dead}
    assert set(reasons) == {"m-bad-json", "m-unknown", None}
    assert reasons["m-bad-json"].startswith("invalid ReportReceived body")
    assert reasons["m-unknown"] == "unknown event type 'Nope'"
    assert reasons[None] == "missing message_id"
    assert len(dead_letters.list_dead(bus_app.settings)) == 3  # listing leaves them in place


def test_a_failing_handler_ends_in_dead_letters_and_replay_brings_it_back(bus_app: App) -> None:
    broken = {"yes": True}
    calls: list[str] = []

    def flaky(event: ReportReceived, uow: object) -> None:
        calls.append(str(event.event_id))
        if broken["yes"]:
            raise RuntimeError("partner system down")

    bus_app.bus.event_handlers[ReportReceived].append(("tests.flaky", flaky))
    bus_app.bus.handle(RegisterReport(actor="intake", report=Report.parse(REPORT)))
    Relay(bus_app.outbox, bus_app.settings).relay_once()

    drain(bus_app)

    limit = bus_app.settings.broker_delivery_limit
    assert len(calls) == limit + 1  # the first delivery and `limit` redeliveries
    assert count(bus_app, inbox) == 1  # the healthy handler ran once, not on each redelivery
    [dead] = dead_letters.list_dead(bus_app.settings)
    assert dead["reason"] == "tests.flaky: RuntimeError: partner system down"
    assert dead["origin_queue"] == bus_app.settings.broker_queue

    broken["yes"] = False
    assert dead_letters.replay(bus_app.settings, message_id=dead["message_id"]) == 1
    drain(bus_app)

    assert dead_letters.list_dead(bus_app.settings) == []
    assert count(bus_app, inbox) == 2  # now the flaky handler committed too
    assert calls[-1] == dead["message_id"]


def test_replay_all_puts_back_every_dead_letter_once(bus_app: App) -> None:
    headers = {EVENT_TYPE_HEADER: "Nope", ORIGIN_QUEUE_HEADER: bus_app.settings.broker_queue}
    for n in range(3):
        publish_raw(bus_app, b"{}", message_id=f"m{n}", headers=headers)
    drain(bus_app)
    assert len(dead_letters.list_dead(bus_app.settings)) == 3

    assert dead_letters.replay(bus_app.settings) == 3
    assert dead_letters.list_dead(bus_app.settings) == []
    assert [m.properties["message_id"] for m in take_all(bus_app.settings)] == ["m0", "m1", "m2"]
