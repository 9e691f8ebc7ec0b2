"""A fresh RabbitMQ virtual host per test session, from MELDPUNT_TEST_BROKER_URL.

An unreachable broker fails the tests, never skips them. The vhost is created and deleted with
`rabbitmqctl`, so the tests run on the broker's machine (as CI does); each test also picks its
own exchange and queue names, so tests within the session do not see each other's messages.
"""

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from kombu import Connection

DEFAULT_BROKER = "amqp://guest:guest@127.0.0.1:5672//"
BROKER_URL = os.environ.get("MELDPUNT_TEST_BROKER_URL", DEFAULT_BROKER)


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=60)


@contextmanager
def fresh_vhost() -> Iterator[str]:
    """Yield the URL of a new, empty vhost on the test broker; delete it afterwards."""
    probe = Connection(BROKER_URL, connect_timeout=5)
    try:
        probe.ensure_connection(max_retries=2, interval_start=1)
    except Exception as error:  # a missing broker is a failure, never a skip
        pytest.fail(f"RabbitMQ at {probe.as_uri()} is unreachable: {error}")
    finally:
        probe.release()
    name = f"meldpunt_t_{uuid.uuid4().hex[:12]}"
    _rabbitmqctl("add_vhost", name)
    _rabbitmqctl("set_permissions", "-p", name, probe.userid, ".*", ".*", ".*")
    url = f"amqp://{probe.userid}:{probe.password}@{probe.hostname}:{probe.port or 5672}/{name}"
    try:
        yield url
    finally:
        _rabbitmqctl("delete_vhost", name)


def isolated_names(tag: str | None = None) -> dict[str, str]:
    """Exchange and queue settings of their own, for one test."""
    tag = tag or uuid.uuid4().hex[:8]
    return {
        "broker_exchange": f"t{tag}.events",
        "broker_dead_letter_exchange": f"t{tag}.events.dead",
        "broker_queue": f"t{tag}.handlers",
        "broker_dead_letter_queue": f"t{tag}.handlers.dead",
    }
