"""Two `meldpunt scheduler` processes on PostgreSQL: one leads; kill it and the other takes over."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from queue import Empty, Queue

import pytest
from cryptography.fernet import Fernet

from tests.conftest import fresh_postgres_database

MELDPUNT = str(Path(sys.executable).with_name("meldpunt"))
pytestmark = pytest.mark.e2e


class Scheduler:
    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [MELDPUNT, "scheduler"], env=env, stderr=subprocess.PIPE, text=True
        )
        self.events: Queue[str] = Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            try:
                self.events.put(json.loads(line).get("event", ""))
            except json.JSONDecodeError:
                self.events.put(line)

    def elected_within(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                if self.events.get(timeout=left) == "scheduler elected leader":
                    return True
            except Empty:
                return False
        return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)


@pytest.fixture
def env() -> Iterator[dict[str, str]]:
    url, drop = fresh_postgres_database()
    environment = {
        **os.environ,
        "MELDPUNT_DATABASE_URL": url,
        "MELDPUNT_DATA_KEYS": Fernet.generate_key().decode(),
        "MELDPUNT_LOG_JSON": "true",
        "MELDPUNT_LOG_LEVEL": "INFO",
        "MELDPUNT_SCHEDULER_LEADER_POLL_SECONDS": "0.5",
    }
    subprocess.run([MELDPUNT, "db", "upgrade"], env=environment, check=True, capture_output=True)
    yield environment
    drop()


def test_the_second_scheduler_takes_over_when_the_leader_is_killed(env: dict[str, str]) -> None:
    first = Scheduler(env)
    try:
        assert first.elected_within(20)
        second = Scheduler(env)
        try:
            assert not second.elected_within(3), "two schedulers lead at once"
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(10)
            assert second.elected_within(20), "no scheduler took over after the leader died"
        finally:
            second.stop()
    finally:
        first.stop()
