"""`meldpunt run` on a terminal (a pseudo-terminal here), as `make run` starts it: the lines a
person reads are our own (where it listens, how to stop, the first token, the partners without a
channel, in Dutch) and info lines; no library's warnings, no warning or error lines."""

import os
import pty
import re
import select
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.e2e.cli import MELDPUNT, Cli
from tests.e2e.serving import free_port

pytestmark = pytest.mark.e2e
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\dT[\d:.]+Z \[(info|debug)\s*\] ")
OURS = ("meldpunt luistert op ", "eerste token voor een beheerder: ", "let op: ketenpartners ")


def read_until(fd: int, done: str, limit: float = 60) -> str:
    seen, deadline = "", time.monotonic() + limit
    while done not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen += os.read(fd, 65536).decode(errors="replace")
            except OSError:  # the other end closed
                break
    return seen


def test_run_on_a_terminal_shows_only_our_own_lines(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    cli.run("db", "upgrade")
    env = {k: v for k, v in cli.env.items() if k != "MELDPUNT_LOG_JSON"}  # as a person has it
    port = free_port()
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [MELDPUNT, "run", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdin=follower,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    try:
        shown = read_until(leader, "scheduler elected leader")
        shown += read_until(leader, "Ctrl+C")
        assert httpx.get(f"http://127.0.0.1:{port}/health/live").status_code == 200
        process.send_signal(signal.SIGINT)
        shown += read_until(leader, "scheduler stopped")
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    lines = [ANSI.sub("", line).strip() for line in shown.splitlines() if line.strip()]
    other = [line for line in lines if not (LOG_LINE.match(line) or line.startswith(OURS))]
    assert other == [], shown
    assert any(line.startswith("let op: ketenpartners zonder kanaal") for line in lines)
    assert "Warning" not in shown and "warning" not in shown
