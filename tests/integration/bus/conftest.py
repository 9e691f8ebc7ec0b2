"""Fixtures for the production path: a real RabbitMQ vhost and a real database per test."""

from collections.abc import Iterator
from typing import Any

import pytest
from kombu import Connection

from adapters.bootstrap import App, bootstrap
from adapters.bus.topology import Topology
from adapters.db.migrate import upgrade
from config.settings import Settings
from tests.conftest import fresh_postgres_database, make_settings, with_people
from tests.rabbitmq import fresh_vhost, isolated_names


@pytest.fixture(scope="session")
def broker_url() -> Iterator[str]:
    with fresh_vhost() as url:
        yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    url, drop = fresh_postgres_database()
    try:
        yield url
    finally:
        drop()


def bus_settings(database_url: str, broker_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"broker_delivery_limit": 2, **isolated_names(), **overrides}
    return make_settings(database_url, broker_url=broker_url, **values)


@pytest.fixture
def bus_app(database_url: str, broker_url: str) -> Iterator[App]:
    """The application on SQLite and on PostgreSQL, with its own exchanges and queues."""
    application = bootstrap(bus_settings(database_url, broker_url))
    upgrade(application.engine)
    with_people(application)
    yield application
    application.engine.dispose()


def take_all(settings: Settings, dead: bool = False) -> list[Any]:
    """Every message in the worker queue (or the dead letters), acknowledged: the test's view."""
    topology = Topology.from_settings(settings)
    messages = []
    with Connection(settings.broker_url) as connection:
        topology.declare(connection)
        queue = (topology.dead_letter_queue if dead else topology.queue).bind(connection.channel())
        while (message := queue.get(no_ack=True)) is not None:
            messages.append(message)
    return messages
