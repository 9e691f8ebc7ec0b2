"""Helpers for tests that start `meldpunt` processes serving HTTP: a free port and waiting for
an endpoint to answer."""

import socket
import subprocess
import time

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def wait_for(
    url: str, process: "subprocess.Popen[str] | None" = None, status: int = 200, limit: float = 60
) -> httpx.Response:
    """The first answer of `url` with `status`; fails when the process dies or time runs out
    (liveness, not speed)."""
    deadline = time.monotonic() + limit
    answer: httpx.Response | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            pytest.fail(f"the process serving {url} exited with {process.returncode}")
        try:
            answer = httpx.get(url, timeout=5)
            if answer.status_code == status:
                return answer
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {url} to answer {status}; last: {answer and answer.text}")
