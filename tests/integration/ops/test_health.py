"""/health/live and /health/ready on a real database (SQLite and PostgreSQL), with the real
scheduler lock and a real RabbitMQ."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from adapters.http.app import create_app
from adapters.scheduler.leader import leadership_for
from tests.conftest import make_settings
from tests.rabbitmq import fresh_vhost


@pytest.fixture
def leader(app: App) -> Iterator[None]:
    leadership = leadership_for(app.engine)
    assert leadership.try_acquire()
    yield
    leadership.release()


def ready(app: App) -> tuple[int, dict[str, object]]:
    with TestClient(create_app(app)) as client:
        answer = client.get("/health/ready")
    return answer.status_code, answer.json()


def test_live_answers_without_asking_anything(app: App) -> None:
    with TestClient(create_app(app)) as client:
        answer = client.get("/health/live")
    assert answer.status_code == 200
    assert answer.json() == {"status": "live"}


def test_ready_when_the_database_is_current_and_a_scheduler_leads(app: App, leader: None) -> None:
    status, body = ready(app)
    assert status == 200, body
    assert body == {
        "status": "ready",
        "checks": {
            "database": "ok",
            "migrations": "ok",
            "broker": "not_configured",
            "data_keys": "ok",
            "scheduler_leader": "ok",
        },
    }


def test_not_ready_while_no_scheduler_leads(app: App) -> None:
    status, body = ready(app)
    assert status == 503
    assert body["status"] == "not_ready"
    assert body["checks"]["scheduler_leader"] == "no_leader"  # type: ignore[index]


def test_a_leader_that_stops_is_no_longer_known(app: App) -> None:
    leadership = leadership_for(app.engine)
    assert leadership.try_acquire()
    assert ready(app)[0] == 200
    leadership.release()
    assert ready(app)[1]["checks"]["scheduler_leader"] == "no_leader"  # type: ignore[index]


def test_not_ready_on_a_database_of_an_older_release(database_url: str) -> None:
    older = bootstrap(make_settings(database_url))
    upgrade(older.engine, "0011")
    leadership = leadership_for(older.engine)
    assert leadership.try_acquire()
    try:
        status, body = ready(older)
    finally:
        leadership.release()
        older.engine.dispose()
    assert status == 503
    assert body["checks"]["migrations"] == "not_current"  # type: ignore[index]


def test_not_ready_on_an_unreachable_database(tmp_path: object) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nothing"
    gone = bootstrap(make_settings(url, db_pool_timeout_seconds=1))
    status, body = ready(gone)
    assert status == 503
    assert body["checks"]["database"] == "unreachable"  # type: ignore[index]


def test_the_broker_is_checked_when_configured(database_url: str) -> None:
    with fresh_vhost() as broker_url:
        for url, expected in ((broker_url, "ok"), ("amqp://guest:guest@127.0.0.1:1//", None)):
            configured = bootstrap(
                make_settings(database_url, broker_url=url, health_timeout_seconds=1)
            )
            upgrade(configured.engine)
            status, body = ready(configured)
            configured.engine.dispose()
            assert body["checks"]["broker"] == (expected or "unreachable")  # type: ignore[index]
            if expected is None:
                assert status == 503
