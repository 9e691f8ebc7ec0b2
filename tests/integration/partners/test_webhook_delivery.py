"""Delivery to a partner's webhook, on a real HTTP server on loopback: retried with back-off
after a failure, dead after the last try, and the same idempotency key on every attempt."""

from typing import Any

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from adapters.partners.delivery import PartnerDelivery
from tests.conftest import ManualClock, make_settings, with_people
from tests.integration.helpers import fire, register
from tests.integration.partners.conftest import Receiver


def scaled_down_app(database_url: str, url: str, clock: ManualClock) -> Any:
    settings = make_settings(
        database_url,
        partner_webhooks={"local_team": url},
        partner_delivery_max_attempts=3,
        partner_delivery_backoff_seconds=60,
    )
    app = bootstrap(settings, clock=clock)
    upgrade(app.engine)
    with_people(app)
    ref = register(app)
    for trigger, data in [
        ("assess_risk", {"level": "high", "indicators": ["runs_away"], "rationale": "r"}),
        ("start_case_direction", {"case_director": "anna", "plan": "p"}),
        ("scale_down", {"local_team": "Wijkteam Enschede-Zuid", "handover": "overdracht"}),
    ]:
        fire(app, ref.case_id, trigger, data)
    app.dispatcher.drain()
    return app, ref.case_id


def test_a_failed_delivery_is_retried_after_its_back_off_and_then_delivered(
    database_url: str, receiver: Receiver
) -> None:
    clock = ManualClock()
    app, case_id = scaled_down_app(database_url, receiver.url, clock)
    delivery = PartnerDelivery(app.deliveries, app.settings, app.partner_channels)
    receiver.statuses = [503]
    assert delivery.deliver_once() == 1  # refused by the receiver
    assert delivery.deliver_once() == 0  # waiting out the back-off
    clock.now = clock.now.replace(minute=clock.now.minute + 2)
    assert delivery.deliver_once() == 1
    [(first, key1), (second, key2)] = receiver.received
    assert first == second and key1 == key2
    assert first["handover"] == "overdracht" and first["case_id"] == case_id
    [disclosure] = [
        d for d in app.queries.detail(case_id)["disclosures"] if d["partner"] == "local_team"
    ]
    assert disclosure["status"] == "delivered"
    app.engine.dispose()


def test_a_redirect_is_not_a_delivery(database_url: str, receiver: Receiver) -> None:
    clock = ManualClock()
    app, case_id = scaled_down_app(database_url, receiver.url, clock)
    receiver.statuses = [302]
    assert PartnerDelivery(app.deliveries, app.settings, app.partner_channels).deliver_once() == 1
    [disclosure] = [
        d for d in app.queries.detail(case_id)["disclosures"] if d["partner"] == "local_team"
    ]
    assert (disclosure["status"], disclosure["last_error"]) == ("pending", "HTTP 302")
    app.engine.dispose()


def test_after_the_last_try_a_delivery_is_dead_with_its_error(database_url: str) -> None:
    clock = ManualClock()
    app, case_id = scaled_down_app(database_url, "http://127.0.0.1:9/closed", clock)
    delivery = PartnerDelivery(app.deliveries, app.settings, app.partner_channels)
    for _ in range(3):
        assert delivery.deliver_once() == 1
        clock.now = clock.now.replace(hour=clock.now.hour + 1)
    assert delivery.deliver_once() == 0
    [disclosure] = [
        d for d in app.queries.detail(case_id)["disclosures"] if d["partner"] == "local_team"
    ]
    assert (disclosure["status"], disclosure["attempts"]) == ("dead", 3)
    assert "unreachable" in disclosure["last_error"]
    app.engine.dispose()
