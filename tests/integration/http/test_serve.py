"""`meldpunt run` serves the API beside the dispatcher and the scheduler, says where the docs
are and how to get a first token, says once which partners it cannot reach (a fresh machine
has no webhooks, and starts all the same), answers over loopback, and stops cleanly on
SIGTERM."""

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


@pytest.mark.e2e
def test_run_serves_the_api_and_stops_on_sigterm(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDPUNT_")}
    env["MELDPUNT_DATABASE_URL"] = f"sqlite:///{tmp_path}/meldpunt.db"
    env["MELDPUNT_LOG_JSON"] = "true"
    upgraded = subprocess.run(
        [MELDPUNT, "db", "upgrade"], env=env, cwd=tmp_path, capture_output=True, timeout=120
    )
    assert upgraded.returncode == 0
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
    assert f"{base}/docs" in stderr
    assert "meldpunt users add admin --role admin && meldpunt tokens issue admin" in stderr
    assert "scheduler stopped" in stderr and "outbox dispatcher stopped" in stderr
    unreachable = "police, comensha, local_team, veilig_thuis, care_provider"
    [said] = [line for line in stderr.splitlines() if line.startswith("warning: partners")]
    assert unreachable in said and "MELDPUNT_PARTNER_WEBHOOKS" in said
    assert stderr.count('"partners unreachable"') == 1  # the log line, once
