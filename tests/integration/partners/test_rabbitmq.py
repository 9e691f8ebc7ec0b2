"""Partners over the real RabbitMQ: events consumed from `meldpunt.partners`, refusals
dead-lettered with their reason, AMQP deliveries on `meldpunt.notificaties`, and a partner's own
broker user that cannot publish as another partner."""

import json
import subprocess
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import amqp
import pytest
from kombu import Connection, Exchange, Producer

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from adapters.partners.amqp_publisher import partner_queue
from adapters.partners.consumer import PartnerConsumer, partner_topology
from adapters.partners.delivery import PartnerDelivery
from adapters.partners.inbound import PartnerInbound
from tests.conftest import make_settings, report_data, with_people
from tests.integration.helpers import all_cases, fire, register
from tests.rabbitmq import fresh_vhost

SOURCES = {"police": "urn:nl:politie:mensenhandel", "school": "urn:nl:twente:scholen"}


@pytest.fixture(scope="module")
def vhost() -> Iterator[str]:
    with fresh_vhost() as url:
        yield url


@pytest.fixture
def broker_app(database_url: str, vhost: str) -> Iterator[App]:
    tag = uuid.uuid4().hex[:8]
    settings = make_settings(
        database_url,
        broker_url=vhost,
        partner_exchange=f"t{tag}.partners",
        partner_queue=f"t{tag}.partners.inbound",
        disclosures_exchange=f"t{tag}.disclosures",
        broker_delivery_limit=3,
    )
    app = bootstrap(settings)
    upgrade(app.engine)
    with_people(app)
    yield app
    app.engine.dispose()


def publish(app: App, routing_key: str, body: str, url: str | None = None) -> None:
    topology = partner_topology(app.settings)
    with Connection(
        url or app.settings.broker_url, transport_options={"confirm_publish": True}
    ) as connection:
        topology.declare(connection)
        Producer(connection.default_channel).publish(
            body,
            exchange=topology.exchange,
            routing_key=routing_key,
            content_type="application/cloudevents+json",
            content_encoding="utf-8",
            delivery_mode=2,
        )


def event(partner: str, kind: str, data: Any) -> str:
    return json.dumps(
        {
            "specversion": "1.0",
            "id": uuid.uuid4().hex,
            "source": SOURCES[partner],
            "type": f"nl.meldpunt.{kind}",
            "data": data,
        }
    )


def consume(app: App) -> PartnerConsumer:
    consumer = PartnerConsumer(PartnerInbound(app.bus, app.partners), app.bus, app.settings)
    consumer.run(threading.Event(), drain=True)
    return consumer


def dead_letters(app: App) -> list[Any]:
    topology = partner_topology(app.settings)
    with Connection(app.settings.broker_url) as connection:
        topology.declare(connection)
        queue = topology.dead_letter_queue.bind(connection.channel())
        found = []
        while (message := queue.get(no_ack=True)) is not None:
            found.append(message)
        return found


def test_partner_events_are_consumed_and_refusals_dead_lettered_with_their_reason(
    broker_app: App,
) -> None:
    good = event("school", "report", report_data())
    publish(broker_app, "partner.school.nl.meldpunt.report", good)
    publish(broker_app, "partner.school.nl.meldpunt.report", good)  # the same event again
    publish(broker_app, "partner.police.nl.meldpunt.signal", "not json")
    publish(broker_app, "partner.school.nl.meldpunt.signal", event("police", "signal", {}))
    publish(broker_app, "partner.school.nl.meldpunt.report", event("school", "report", {}))
    consumer = consume(broker_app)
    assert consumer.outcomes == {"handled": 1, "duplicate": 1, "refused": 3}
    assert len(all_cases(broker_app)) == 1
    reasons = [m.headers["x-meldpunt-error"] for m in dead_letters(broker_app)]
    assert len(reasons) == 3
    assert any("not JSON" in r for r in reasons)
    assert any("belongs to police, published as school" in r for r in reasons)
    assert any("received_at" in r for r in reasons)


def test_amqp_partners_get_their_messages_on_the_disclosures_exchange(
    broker_app: App,
) -> None:
    ref = register(broker_app)
    fire(
        broker_app,
        ref.case_id,
        "assess_risk",
        {"level": "acute", "indicators": ["runs_away"], "rationale": "r"},
    )
    broker_app.dispatcher.drain()
    assert (
        PartnerDelivery(
            broker_app.deliveries, broker_app.settings, broker_app.partner_channels
        ).deliver_once()
        == 1
    )
    with Connection(broker_app.settings.broker_url) as connection:
        queue = partner_queue(broker_app.settings, "police").bind(connection.channel())
        message = queue.get(no_ack=True)
        assert message is not None
        body = json.loads(message.body)
        assert body["case_id"] == ref.case_id
        assert set(body) == {"case_id", "case_url", "municipality", "occurred_at"}
        assert message.properties["message_id"].endswith(".police.message")  # stable key
        assert queue.get(no_ack=True) is None


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=60)


def test_a_partner_user_can_only_publish_its_own_routing_keys(broker_app: App) -> None:
    """The commands of docs/partners.md: a user per partner, topic permissions on its keys."""
    vhost = broker_app.settings.broker_url.rsplit("/", 1)[1]  # type: ignore[union-attr]
    exchange = broker_app.settings.partner_exchange
    publish(broker_app, "partner.school.setup", "{}")  # declares the exchange
    user, password = f"school_{uuid.uuid4().hex[:6]}", uuid.uuid4().hex
    _rabbitmqctl("add_user", user, password)
    try:
        _rabbitmqctl("set_permissions", "-p", vhost, user, "^$", f"^{exchange}$", "^$")
        _rabbitmqctl(
            "set_topic_permissions", "-p", vhost, user, exchange, "^partner\\.school\\.", "^$"
        )
        url = f"amqp://{user}:{password}@127.0.0.1:5672/{vhost}"
        with Connection(url, transport_options={"confirm_publish": True}) as connection:
            producer = Producer(connection.default_channel)
            target = Exchange(exchange, type="topic", durable=True, passive=True)
            producer.publish(
                "{}", exchange=target, routing_key="partner.school.x", declare=[], retry=False
            )
            with pytest.raises(amqp.exceptions.AccessRefused):
                producer.publish(
                    "{}", exchange=target, routing_key="partner.police.x", declare=[], retry=False
                )
    finally:
        _rabbitmqctl("delete_user", user)
