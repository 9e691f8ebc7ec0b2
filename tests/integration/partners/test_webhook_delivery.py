"""Delivery to a partner's webhook, on a real HTTP server on loopback: retried with back-off
after a failure, dead after the last try, and the same idempotency key on every attempt."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from adapters.partners.delivery import PartnerDelivery
from tests.conftest import ManualClock, make_settings
from tests.integration.helpers import fire, register


class Receiver:
    """Answers each POST with the next status of `statuses` (then 200), and keeps the bodies."""

    def __init__(self) -> None:
        self.statuses: list[int] = []
        self.received: list[tuple[dict[str, Any], str]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver.received.append((body, self.headers["Idempotency-Key"]))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", receiver.url)
                self.end_headers()

            def do_GET(self) -> None:  # what a followed redirect would turn the POST into
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    hook = Receiver()
    thread = threading.Thread(target=hook.server.serve_forever, daemon=True)
    thread.start()
    yield hook
    hook.server.shutdown()


def scaled_down_app(database_url: str, url: str, clock: ManualClock) -> Any:
    settings = make_settings(
        database_url,
        partner_webhooks={"local_team": url},
        partner_delivery_max_attempts=3,
        partner_delivery_backoff_seconds=60,
    )
    app = bootstrap(settings, clock=clock)
    upgrade(app.engine)
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
    delivery = PartnerDelivery(app.deliveries, app.settings)
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
    assert PartnerDelivery(app.deliveries, app.settings).deliver_once() == 1
    [disclosure] = [
        d for d in app.queries.detail(case_id)["disclosures"] if d["partner"] == "local_team"
    ]
    assert (disclosure["status"], disclosure["last_error"]) == ("pending", "HTTP 302")
    app.engine.dispose()


def test_after_the_last_try_a_delivery_is_dead_with_its_error(database_url: str) -> None:
    clock = ManualClock()
    app, case_id = scaled_down_app(database_url, "http://127.0.0.1:9/closed", clock)
    delivery = PartnerDelivery(app.deliveries, app.settings)
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
