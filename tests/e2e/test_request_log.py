"""Every request of a real `meldpunt api` process: an X-Request-ID (a trusted proxy's, else a
new one) in the answer and on every log line of its work, and one access line with method,
route template, status and duration, never the path's ids or the query string."""

import json
import signal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.cli import Cli
from tests.e2e.serving import free_port, wait_for

pytestmark = pytest.mark.e2e
EXAMPLE = json.loads((Path(__file__).resolve().parents[2] / "examples" / "report.json").read_text())


def test_request_ids_and_the_access_line(tmp_path: Path) -> None:
    cli = Cli(tmp_path, settings={"MELDPUNT_API_TRUSTED_PROXIES": '["127.0.0.1"]'})
    cli.run("db", "upgrade")
    cli.run("users", "add", "iris", "--role", "intake")
    token = cli.json("tokens", "issue", "iris")["token"]
    port = free_port()
    process = cli.popen("api", "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health/live", process)
        headers = {"Authorization": f"Bearer {token}"}
        from_proxy = httpx.post(
            f"{base}/api/v1/reports",
            json=EXAMPLE,
            headers={**headers, "X-Request-ID": "proxy-req-42"},
        )
        assert from_proxy.status_code == 201, from_proxy.text
        assert from_proxy.headers["x-request-id"] == "proxy-req-42"
        case_id = from_proxy.json()["case_id"]
        # A value that could forge log lines is not taken, even from the proxy.
        forged = httpx.get(
            f"{base}/api/v1/cases/{case_id}?naam=Fenna", headers={**headers, "X-Request-ID": "a b"}
        )
        made = forged.headers["x-request-id"]
        assert made != "a b" and len(made) == 32
        assert httpx.get(f"{base}/health/live").headers["x-request-id"] != made
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    lines: list[dict[str, Any]] = [
        json.loads(line) for line in stderr.splitlines() if line.startswith("{")
    ]
    of_report = [line for line in lines if line.get("request_id") == "proxy-req-42"]
    assert {line["event"] for line in of_report} >= {"command handled", "request"}
    [access] = [line for line in of_report if line["event"] == "request"]
    assert access["method"] == "POST" and access["route"] == "/api/v1/reports"
    assert access["status"] == 201 and access["duration_ms"] >= 0
    [read] = [
        line for line in lines if line.get("request_id") == made and line["event"] == "request"
    ]
    assert read["route"] == "/api/v1/cases/{case_id}" and read["status"] in (200, 403)
    assert case_id not in json.dumps(read) and "Fenna" not in stderr and "naam" not in stderr
