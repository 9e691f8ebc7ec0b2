"""Helpers for the production-mode e2e tests: a fresh database and vhost, `meldpunt relay` and
`meldpunt worker` as real processes, and the exactly-once-in-effect check."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from config.settings import Settings
from tests.conftest import fresh_postgres_database, make_settings, with_people
from tests.exactly_once import assert_handled_exactly_once, count, expected_handled
from tests.rabbitmq import fresh_vhost, isolated_names

__all__ = ["assert_handled_exactly_once", "count", "expected_handled"]

MELDPUNT = str(Path(sys.executable).with_name("meldpunt"))


@contextmanager
def production_app() -> Iterator[App]:
    """The application on a fresh PostgreSQL database and a fresh vhost."""
    with fresh_vhost() as broker_url:
        url, drop = fresh_postgres_database()
        app = bootstrap(make_settings(url, broker_url=broker_url, **isolated_names()))
        upgrade(app.engine)
        with_people(app)
        try:
            yield app
        finally:
            app.engine.dispose()
            drop()


def environment(settings: Settings, broker_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDPUNT_")}
    keys = settings.data_keys.get_secret_value() if settings.data_keys else ""
    env.update(
        MELDPUNT_DATABASE_URL=settings.database_url,
        MELDPUNT_BROKER_URL=broker_url or str(settings.broker_url),
        MELDPUNT_DATA_KEYS=keys,
        MELDPUNT_BROKER_EXCHANGE=settings.broker_exchange,
        MELDPUNT_BROKER_DEAD_LETTER_EXCHANGE=settings.broker_dead_letter_exchange,
        MELDPUNT_BROKER_QUEUE=settings.broker_queue,
        MELDPUNT_BROKER_DEAD_LETTER_QUEUE=settings.broker_dead_letter_queue,
        MELDPUNT_LOG_JSON="true",
    )
    return env


@dataclass
class Process:
    """One `meldpunt` process that can be killed and started again; its logs go to a file."""

    args: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None
    starts: int = 0
    kills: int = 0
    _files: list[Any] = field(default_factory=list)

    def start(self) -> None:
        handle = self.log.open("ab")
        self._files.append(handle)
        self.popen = subprocess.Popen(
            [MELDPUNT, *self.args], env=self.env, stdout=handle, stderr=handle
        )
        self.starts += 1

    def kill(self) -> None:
        assert self.popen is not None
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait()
        self.kills += 1

    def stop(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        for handle in self._files:
            handle.close()

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def wait_until(condition: Callable[[], bool], what: str, limit_seconds: float = 240) -> None:
    """Liveness, not speed: a generous bound so a broken pipeline fails instead of hanging."""
    deadline = time.monotonic() + limit_seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.5)
