"""`meldpunt status`: the readiness checks and the heartbeats of real processes, alive while
they run, stale once killed, gone after a clean stop."""

import json
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.cli import Cli

pytestmark = pytest.mark.e2e


def cli_for(tmp_path: Path) -> Cli:
    return Cli(
        tmp_path,
        settings={
            "MELDPUNT_HEARTBEAT_DIR": str(tmp_path / "heartbeats"),
            "MELDPUNT_HEARTBEAT_INTERVAL_SECONDS": "0.2",
            "MELDPUNT_SCHEDULER_LEADER_POLL_SECONDS": "0.2",
        },
    )


def status(cli: Cli) -> Any:
    return json.loads(cli.run("status", "--json", expect=None).stdout)


def eventually(cli: Cli, condition: Callable[[Any], bool], what: str) -> Any:
    deadline = time.monotonic() + 60  # liveness, not speed
    while time.monotonic() < deadline:
        found = status(cli)
        if condition(found):
            return found
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}: {found}")


def test_status_reports_every_process_and_whether_the_service_is_ready(tmp_path: Path) -> None:
    cli = cli_for(tmp_path)
    cli.run("db", "upgrade")
    found = status(cli)
    assert found["status"] == "not_ready" and found["processes"] == []
    assert cli.run("status", expect=6).stdout  # said for a person too, with the exit code

    scheduler, worker = cli.popen("scheduler"), cli.popen("worker")
    try:
        found = eventually(
            cli,
            lambda s: s["status"] == "ready" and len(s["processes"]) == 2,
            "a leading scheduler and a worker",
        )
        beats = {beat["process"]: beat for beat in found["processes"]}
        assert beats["scheduler"]["state"] == "alive" and beats["scheduler"]["leader"] is True
        assert beats["worker"]["pid"] == worker.pid and beats["worker"]["state"] == "alive"
        shown = cli.run("status").stdout
        assert "Klaar voor werk" in shown and "levend" in shown

        scheduler.send_signal(signal.SIGKILL)
        scheduler.wait()
        found = eventually(
            cli,
            lambda s: (
                {b["process"]: b["state"] for b in s["processes"]}.get("scheduler") == "stale"
            ),
            "the killed scheduler's heartbeat to go stale",
        )
        assert found["checks"]["scheduler_leader"] == "no_leader"
        assert found["status"] == "not_ready"

        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
        found = status(cli)
        assert [beat["process"] for beat in found["processes"]] == ["scheduler"]
    finally:
        for process in (scheduler, worker):
            if process.poll() is None:
                process.kill()
                process.wait()
