"""RabbitMQ unreachable for the relay (port closed, then connections cut) while cases keep being
accepted: nothing is marked sent, nothing is lost, and the backlog drains once it is back.

The outage is a TCP forwarder switched off and on, not `rabbitmqctl stop_app`: the real broker
is shared with other tests running at the same time."""

from pathlib import Path

import pytest
from kombu import Connection

from adapters.db.tables import handled_messages, outbox
from tests.e2e.production import (
    Process,
    assert_handled_exactly_once,
    count,
    environment,
    expected_handled,
    production_app,
    wait_until,
)
from tests.e2e.test_broker_crash import advance_cases
from tests.tcp_proxy import TcpProxy

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.rabbitmq]

CASES = 40


def test_cases_are_accepted_during_a_broker_outage_and_the_backlog_drains_after(
    tmp_path: Path,
) -> None:
    with production_app() as app:
        real = Connection(app.settings.broker_url)
        proxy = TcpProxy(real.port or 5672, real.hostname)
        through_proxy = (
            f"amqp://{real.userid}:{real.password}@127.0.0.1:{proxy.port}/{real.virtual_host}"
        )
        relay = Process(["relay"], environment(app.settings, through_proxy), tmp_path / "relay.log")
        worker = Process(["worker"], environment(app.settings), tmp_path / "worker.log")

        def failures() -> int:
            return relay.log_text().count("relay failed, retrying")

        def all_handled() -> bool:
            pending = app.outbox.status()["pending"]
            return pending == 0 and count(app, handled_messages) >= len(expected_handled(app))

        try:
            relay.start()
            worker.start()
            # 1. The broker is away from the start: the port is closed.
            advance_cases(app, CASES)
            wait_until(lambda: failures() >= 2, "the relay to notice the outage")
            status = app.outbox.status()
            assert status["pending"] == count(app, outbox) > 0  # nothing marked sent

            proxy.start()
            wait_until(all_handled, "the backlog to drain after the broker came back")

            # 2. The broker goes away under an open connection.
            seen = failures()
            done_before = app.outbox.status()["done"]
            proxy.stop()
            advance_cases(app, CASES)
            wait_until(lambda: failures() > seen, "the relay to notice the lost connection")
            assert app.outbox.status()["pending"] == count(app, outbox) - done_before

            proxy.start()
            wait_until(all_handled, "the second backlog to drain")
        finally:
            proxy.stop()
            relay.stop()
            worker.stop()
        assert_handled_exactly_once(app)
