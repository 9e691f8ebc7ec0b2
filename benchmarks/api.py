"""Requests per second and p50/p99 latency of the HTTP API on PostgreSQL, through a real uvicorn
server on loopback (`meldpunt api`, one process) that this script starts and stops.

    python benchmarks/api.py --json [--seconds S] [--clients 1,20] [--database-url URL]

Scenarios, each with 1 and with 20 concurrent clients (threads, one keep-alive httpx client each),
each for S seconds (default 5):
- read_case: GET /api/v1/cases/{id} as a team lead (scope check, the case with its history and
  links, and an access-log row in the hash chain);
- transition: POST /api/v1/cases/{id}/transitions, each client on a case of its own, alternating
  scale_down and escalate (a real move with history, deadline and outbox rows, and a log row).
A fresh database is created on the server of --database-url (default: the test server) and
dropped afterwards. Results: docs/benchmarks.md.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adapters.bootstrap import bootstrap  # noqa: E402
from adapters.db.migrate import upgrade  # noqa: E402
from config.logging import configure_logging  # noqa: E402
from config.settings import Settings  # noqa: E402
from workflow.access import Role  # noqa: E402
from workflow.commands import FireTrigger, RegisterReport  # noqa: E402
from workflow.report import Report  # noqa: E402
from workflow.transition_data import transition_data  # noqa: E402

REPORT = json.loads((ROOT / "examples" / "report.json").read_text())
MELDPUNT = str(Path(sys.executable).with_name("meldpunt"))
MOVES = [
    ("scale_down", {"local_team": "Wijkteam Enschede-Zuid", "handover": "warme overdracht"}),
    ("escalate", {"reason": "new signals"}),
]


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    admin = create_engine(make_url(server_url), isolation_level="AUTOCOMMIT")
    name = f"meldpunt_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def seed(env: dict[str, str], cases: int) -> tuple[str, list[str]]:
    """A team lead's token and `cases` cases in case direction."""
    settings = Settings(
        database_url=env["MELDPUNT_DATABASE_URL"],
        data_keys=env["MELDPUNT_DATA_KEYS"],  # type: ignore[arg-type]
        subject_key=env["MELDPUNT_SUBJECT_KEY"],  # type: ignore[arg-type]
    )
    app = bootstrap(settings)
    upgrade(app.engine)
    app.users.add("lead", Role.TEAM_LEAD)
    token = app.users.issue("lead", 1).token
    ids = []
    for n in range(cases):
        subject = {**REPORT["subject"], "name": f"Persoon {n}", "bsn": None}
        report = Report.parse({**REPORT, "subject": subject})
        ref = app.bus.handle(RegisterReport(actor="lead", report=report))
        for trigger, data in [
            ("assess_risk", {"level": "high", "indicators": ["runs_away"], "rationale": "r"}),
            ("start_case_direction", {"case_director": "lead", "plan": "plan van aanpak"}),
        ]:
            command = FireTrigger(
                actor="lead", case_id=ref.case_id, data=transition_data(trigger, data)
            )
            app.bus.handle(command)
        ids.append(ref.case_id)
    app.engine.dispose()
    return token, ids


@contextmanager
def server(env: dict[str, str]) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [MELDPUNT, "api", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/openapi.json").status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the API server did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(clients: int, seconds: float, work: Callable[[httpx.Client, int, int], int]) -> Any:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Barrier(clients + 1)

    def client(n: int) -> None:
        with httpx.Client(timeout=30) as http:
            start.wait()
            end = time.perf_counter() + seconds
            i = 0
            while (begun := time.perf_counter()) < end:
                status = work(http, n, i)
                latencies[n].append(time.perf_counter() - begun)
                errors[n] += status >= 300
                i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    every = sorted(x for per in latencies for x in per)
    cut = statistics.quantiles(every, n=100)
    return {
        "clients": clients,
        "requests": len(every),
        "errors": sum(errors),
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(every) / elapsed, 1),
        "p50_ms": round(cut[49] * 1000, 2),
        "p99_ms": round(cut[98] * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", default="1,20")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "MELDPUNT_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    configure_logging("WARNING", True)
    counts = [int(c) for c in args.clients.split(",")]
    results: dict[str, Any] = {"server": "meldpunt api (uvicorn, 1 process)", "scenarios": []}
    with fresh_database(args.database_url) as url:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MELDPUNT_")}
        env.update(
            MELDPUNT_DATABASE_URL=url,
            MELDPUNT_DATA_KEYS=Fernet.generate_key().decode(),
            MELDPUNT_SUBJECT_KEY="bench-subject-key-0123456789abcdef",
            MELDPUNT_LOG_LEVEL="WARNING",
            MELDPUNT_DB_POOL_SIZE="20",
            MELDPUNT_DB_MAX_OVERFLOW="20",
        )
        token, ids = seed(env, max(counts))
        auth = {"Authorization": f"Bearer {token}"}
        with server(env) as base:

            def read_case(http: httpx.Client, n: int, i: int) -> int:
                return http.get(f"{base}/cases/{ids[n]}", headers=auth).status_code

            def transition(http: httpx.Client, n: int, i: int) -> int:
                trigger, data = MOVES[i % 2]
                body = {"trigger": trigger, "data": data}
                url = f"{base}/cases/{ids[n]}/transitions"
                return http.post(url, json=body, headers=auth).status_code

            for name, work in [("read_case", read_case), ("transition", transition)]:
                for clients in counts:
                    if name == "transition":  # every client's case back in case direction
                        with httpx.Client() as http:
                            for n in range(clients):
                                case = http.get(f"{base}/cases/{ids[n]}", headers=auth).json()
                                if case["state"] != "in_case_direction":
                                    transition(http, n, 1)
                    figures = measure(clients, args.seconds, work)
                    results["scenarios"].append({"scenario": name, **figures})
    print(json.dumps(results, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
