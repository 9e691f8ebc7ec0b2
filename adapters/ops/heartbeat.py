"""Heartbeats of the processes without HTTP (relay, worker, scheduler, partner consume and
deliver) and of those with it: each writes a small JSON file into MELDPUNT_HEARTBEAT_DIR every
MELDPUNT_HEARTBEAT_INTERVAL_SECONDS, which `meldpunt status` reads. A file not renewed for three
intervals is stale: its process died or hangs. A clean stop removes its file."""

import json
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import structlog

from config.settings import Settings

log = structlog.get_logger(__name__)

Details = Callable[[], dict[str, Any]]
STALE_AFTER_BEATS = 3


def _now() -> datetime:
    return datetime.now(UTC)


class Heartbeat:
    def __init__(
        self, directory: Path, process: str, interval: float, details: Details | None = None
    ) -> None:
        self.process = process
        self.interval = interval
        self.details = details or dict
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self.path = directory / f"{process}-{self.host}-{self.pid}.json"
        self.started_at = _now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{process}", daemon=True)

    def beat(self) -> None:
        """Write the file anew, atomically (a reader never sees half of it)."""
        beat = {
            "process": self.process,
            "host": self.host,
            "pid": self.pid,
            "started_at": self.started_at.isoformat(),
            "beat_at": _now().isoformat(),
            "interval_seconds": self.interval,
            **self.details(),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(beat), encoding="utf-8")
        os.replace(temporary, self.path)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.beat()
            except OSError as error:  # a full disk must not stop the process's own work
                log.warning("heartbeat not written", path=str(self.path), error=str(error))
            self._stop.wait(self.interval)

    def start(self) -> None:
        self.beat()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 1)
        self.path.unlink(missing_ok=True)


@contextmanager
def beating(settings: Settings, process: str, details: Details | None = None) -> Iterator[None]:
    """A heartbeat for as long as the block runs."""
    heart = Heartbeat(settings.heartbeat_dir, process, settings.heartbeat_interval_seconds, details)
    heart.start()
    try:
        yield
    finally:
        heart.stop()


def read_beats(directory: Path, now: datetime | None = None) -> list[dict[str, Any]]:
    """Every process's last beat with `state` alive or stale and its `age_seconds`."""
    now = now or _now()
    found = []
    for path in sorted(directory.glob("*.json")) if directory.is_dir() else []:
        try:
            beat = json.loads(path.read_text(encoding="utf-8"))
            age = (now - datetime.fromisoformat(beat["beat_at"])).total_seconds()
        except (OSError, ValueError, KeyError, TypeError):
            continue  # removed while read, or not ours
        stale = age > STALE_AFTER_BEATS * float(beat.get("interval_seconds", 5))
        found.append({**beat, "age_seconds": round(age, 1), "state": "stale" if stale else "alive"})
    return found
