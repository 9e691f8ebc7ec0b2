"""`meldpunt run` serves the API beside the dispatcher and the scheduler, says where it listens
(once it does), how to stop it and how to get a first token, says once which partners it
cannot reach (a fresh machine has no webhooks, and starts all the same), answers over
loopback, and stops cleanly on SIGTERM. A port in use is its own exit code, 8."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

MELDPUNT = str(Path(sys.executable).with_name("meldpunt"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDPUNT_")}
    env["MELDPUNT_DATABASE_URL"] = f"sqlite:///{tmp_path}/meldpunt.db"
    env["MELDPUNT_LOG_JSON"] = "true"
    env["MELDPUNT_BROKER_URL"] = ""  # empty counts as unset: the embedded mode
    upgraded = subprocess.run(
        [MELDPUNT, "db", "upgrade"], env=env, cwd=tmp_path, capture_output=True, timeout=120
    )
    assert upgraded.returncode == 0, upgraded.stderr
    return env


@pytest.mark.e2e
def test_run_serves_the_api_and_stops_on_sigterm(tmp_path: Path) -> None:
    env = environment(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [MELDPUNT, "run", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/api/v1"
        for _ in range(300):
            try:
                answer = httpx.get(f"{base}/openapi.json")
                break
            except httpx.TransportError:
                assert process.poll() is None, process.communicate()
                time.sleep(0.1)
        assert answer.status_code == 200
        assert answer.json()["info"]["title"] == "meldpunt"
        assert httpx.get(f"{base}/me").status_code == 401
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    [listening] = [line for line in stderr.splitlines() if "/docs" in line]
    assert f"{base}/docs" in listening and "Ctrl+C" in listening
    assert "meldpunt users add admin --role admin && meldpunt tokens issue admin" in stderr
    assert "scheduler stopped" in stderr and "outbox dispatcher stopped" in stderr
    assert '"mode": "embedded"' in stderr
    # Not a terminal: the log line, once, and no sentence beside it.
    assert stderr.count('"partners unreachable"') == 1
    assert "warning: partners" not in stderr
    # Nothing but our own JSON lines and the two lines for a person: no library's warnings.
    other = [line for line in stderr.splitlines() if line and not line.startswith("{")]
    assert len(other) == 2, other


@pytest.mark.e2e
def test_a_port_in_use_is_exit_code_8_and_starts_nothing(tmp_path: Path) -> None:
    env = environment(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for command in ("run", "api"):
            done = subprocess.run(
                [MELDPUNT, command, "--port", str(port)],
                env=env,
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 8, done.stderr
            assert f"127.0.0.1:{port}" in done.stderr and "--port" in done.stderr
            assert "scheduler" not in done.stderr


@pytest.mark.e2e
def test_run_says_where_it_listens_as_json(tmp_path: Path) -> None:
    env = environment(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [MELDPUNT, "api", "--port", str(port), "--json"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        said = json.loads(process.stdout.readline())
        # Said once listening: the port answers at once.
        assert said["listening"] == f"http://127.0.0.1:{port}/api/v1"
        assert httpx.get(said["openapi"]).status_code == 200
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
