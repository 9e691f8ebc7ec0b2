"""What watching the service costs: the request log and metrics per HTTP request, the metrics
wrapper per handler call, and one /metrics scrape (the database gauges) on a database with cases.

    python benchmarks/operations.py --json [--requests N] [--calls N] [--cases N]
        [--database-url URL]

- request_log_us: mean added time per request of the RequestLog middleware (request id, access
  line, two metrics), an ASGI app answering 200 with and without it, called in process;
- handler_wrapper_us: mean added time per call of the metrics wrapper around a bus handler;
- scrape_ms: p50 of GET /metrics through the whole app, with --cases cases in the database
  (default SQLite in a temporary directory; --database-url: an empty database of your own).
Prints one JSON object.
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography.fernet import Fernet  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from adapters.bootstrap import bootstrap  # noqa: E402
from adapters.db.migrate import upgrade  # noqa: E402
from adapters.http.app import create_app  # noqa: E402
from adapters.ops.instrument import measured, record_command  # noqa: E402
from adapters.ops.request_log import RequestLog  # noqa: E402
from config.logging import configure_logging  # noqa: E402
from config.settings import Settings  # noqa: E402
from workflow.commands import RegisterReport  # noqa: E402
from workflow.report import Report  # noqa: E402

REPORT = json.loads((ROOT / "examples" / "report.json").read_text())


async def _ok(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def _asgi_seconds(app: Any, requests: int) -> float:
    scope = {"type": "http", "method": "GET", "path": "/x", "headers": [], "client": ("1", 1)}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(_: Any) -> None:
        return None

    async def run() -> float:
        started = time.perf_counter()
        for _ in range(requests):
            await app(dict(scope), receive, send)
        return time.perf_counter() - started

    return asyncio.run(run())


def request_log_us(requests: int) -> float:
    bare = _asgi_seconds(_ok, requests)
    logged = _asgi_seconds(RequestLog(_ok, []), requests)
    return (logged - bare) / requests * 1e6


def handler_wrapper_us(calls: int) -> float:
    def handler(message: Any, uow: Any) -> None:
        return None

    wrapped = measured(handler, record_command)
    started = time.perf_counter()
    for _ in range(calls):
        handler(REPORT, None)
    bare = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(calls):
        wrapped(REPORT, None)
    full = time.perf_counter() - started
    return (full - bare) / calls * 1e6


def scrape_ms(database_url: str, cases: int) -> float:
    app = bootstrap(Settings(database_url=database_url, data_keys=Fernet.generate_key().decode()))
    upgrade(app.engine)
    for number in range(cases):
        report = {**REPORT, "subject": {**REPORT["subject"], "bsn": None, "name": f"P {number}"}}
        app.bus.handle(RegisterReport(actor="intake", report=Report.parse(report)))
    timings = []
    with TestClient(create_app(app)) as client:
        for _ in range(20):
            started = time.perf_counter()
            assert client.get("/metrics").status_code == 200
            timings.append((time.perf_counter() - started) * 1000)
    app.engine.dispose()
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    # As in production: every access line rendered as JSON at INFO (here to /dev/null).
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    configure_logging("INFO", json=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        result = {
            "request_log_us": round(request_log_us(args.requests), 2),
            "handler_wrapper_us": round(handler_wrapper_us(args.calls), 2),
            "scrape_ms": round(scrape_ms(url, args.cases), 2),
            "cases": args.cases,
            "database": url.split(":", 1)[0],
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
