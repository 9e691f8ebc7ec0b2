"""The relay against the real RabbitMQ: publish with confirms, mark done only after the confirm."""

import socket

import pytest
from kombu import Connection

from adapters.bootstrap import App
from adapters.bus.messages import EVENT_TYPE_HEADER
from adapters.bus.relay import Relay
from adapters.bus.topology import Topology
from tests.conftest import new_report
from tests.integration.bus.conftest import take_all
from workflow.commands import FireTrigger, RegisterReport
from workflow.transition_data import transition_data

ASSESS = {"level": "high", "indicators": ["runs_away"], "rationale": "signals"}


def register_and_assess(app: App, count: int) -> None:
    for _ in range(count):
        ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))
        app.bus.handle(
            FireTrigger(
                actor="anna", case_id=ref.case_id, data=transition_data("assess_risk", ASSESS)
            )
        )


def pending_event_ids(app: App) -> list[str]:
    return [row.event_id for row in app.outbox.pending(10_000, ignore_backoff=True)]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_relay_publishes_every_pending_event_persistently_and_then_marks_it_done(
    bus_app: App,
) -> None:
    register_and_assess(bus_app, 3)
    expected = pending_event_ids(bus_app)
    assert len(expected) == 6

    assert Relay(bus_app.outbox, bus_app.settings).relay_once() == 6

    assert bus_app.outbox.status()["pending"] == 0
    assert bus_app.outbox.status()["done"] == 6
    messages = take_all(bus_app.settings)
    assert [m.properties["message_id"] for m in messages] == expected  # commit order
    for message in messages:
        event_type = message.headers[EVENT_TYPE_HEADER]
        assert message.delivery_info["routing_key"] == f"case.{event_type}"
        assert message.properties["delivery_mode"] == 2
        assert message.content_type == "application/json"
        assert message.properties["message_id"] in message.body


def test_relay_marks_nothing_while_the_broker_is_unreachable(bus_app: App) -> None:
    register_and_assess(bus_app, 2)
    away = bus_app.settings.model_copy(update={"publish_max_retries": 0})
    relay = Relay(bus_app.outbox, away, url=f"amqp://guest:guest@127.0.0.1:{closed_port()}//")

    with pytest.raises(Exception):  # noqa: B017 - any connection error will do
        relay.relay_once()

    assert bus_app.outbox.status()["pending"] == 4
    assert bus_app.outbox.status()["done"] == 0
    assert take_all(bus_app.settings) == []


def test_a_publish_the_broker_refuses_leaves_the_row_pending_until_it_succeeds(
    bus_app: App,
) -> None:
    relay = Relay(bus_app.outbox, bus_app.settings.model_copy(update={"publish_max_retries": 0}))
    assert relay.relay_once() == 0  # connected, topology declared
    # Someone deletes the exchange under the relay: the broker refuses the next publish.
    topology = Topology.from_settings(bus_app.settings)
    with Connection(bus_app.settings.broker_url) as connection:
        topology.exchange.bind(connection.default_channel).delete()
    register_and_assess(bus_app, 1)

    with pytest.raises(Exception):  # noqa: B017 - the broker's NOT_FOUND, whatever its class
        relay.relay_once()
    assert bus_app.outbox.status()["pending"] == 2

    relay.close()  # as the run loop does after a failure: reconnect, declare again, publish
    assert relay.relay_once() == 2
    assert bus_app.outbox.status()["done"] == 2
    assert len(take_all(bus_app.settings)) == 2
