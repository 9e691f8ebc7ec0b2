"""How long the web application's pages take as the database grows: the worklist (a team lead's,
the region; and a case director's, their own and their team's) and a case page with a 200-entry
timeline, p50 and p95 per page, for each database size given.

    python benchmarks/ui.py --cases 2000 200000 --json [--database-url URL] [--samples 30]

Each size on a fresh database (SQLite in a temporary folder, or a new database on the given
PostgreSQL server, dropped afterwards). The cases are seeded straight into `cases` in batches
(as many as a region would hold after years), the case with the long timeline is registered
and worked through the service (`bus.handle`), and the pages are asked for through the
application in process (Starlette's TestClient, signed in with a password), so the figures are
the page's own work: gate, queries, access-log rows and rendering, without a network.
Target (issue 15): the worklist at 200,000 cases within 1.5x of its time at 2,000."""

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from adapters.db.tables import cases
from adapters.db.web_accounts import WebAccounts
from adapters.http.app import create_app
from config.logging import configure_logging
from config.settings import Settings
from workflow.access import Role
from workflow.activity_data import ActivityData, ActivityKind
from workflow.commands import RecordActivity, RegisterReport

PASSWORD = "benchmark password"
STATES = ["received", "risk_assessed", "advised", "in_case_direction", "scaled_down_locally"]
TOWNS = ["Enschede", "Hengelo", "Almelo", "Oldenzaal", "Borne", "Losser"]
DIRECTORS = [f"director{i}" for i in range(40)]
REPORT = json.loads((Path(__file__).resolve().parents[1] / "examples" / "report.json").read_text())


@contextmanager
def fresh_database(server_url: str | None) -> Iterator[str]:
    if server_url is None or make_url(server_url).get_backend_name() == "sqlite":
        with tempfile.TemporaryDirectory(prefix="meldpunt-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'ui.db'}"
        return
    url = make_url(server_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"meldpunt_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def seed(app: App, count: int) -> None:
    """`count` open cases spread over states, towns and directors (1% acute, a tenth unassigned)."""
    rng = random.Random(count)
    now = app.clock()
    batch: list[dict[str, Any]] = []
    for i in range(count):
        received = now - timedelta(days=rng.randrange(1, 900), minutes=rng.randrange(1440))
        batch.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
                "state": rng.choice(STATES),
                "version": 3,
                "received_at": received,
                "municipality": rng.choice(TOWNS),
                "risk_level": rng.choice(["low", "elevated", "high", None]),
                "case_director": None if i % 10 == 0 else rng.choice(DIRECTORS),
                "created_at": received,
                "updated_at": received,
                "deadline_at": now + timedelta(hours=rng.randrange(-2000, 2000)),
                "deadline_kind": "assessment",
                "urgent": rng.random() < 0.01,
            }
        )
        if len(batch) == 10_000 or i == count - 1:
            with app.engine.begin() as conn:
                conn.execute(insert(cases), batch)
            batch = []


def long_case(app: App, entries: int) -> str:
    ref = app.bus.handle(RegisterReport(actor="iris", report={**REPORT, "signals": []}))
    for n in range(entries - 1):
        activity = ActivityData(kind=ActivityKind.NOTE, summary=f"aantekening {n}")
        app.bus.handle(RecordActivity(actor="teun", case_id=ref.case_id, activity=activity))
    return str(ref.case_id)


def signed_in(client: TestClient, name: str) -> None:
    form = client.get("/aanmelden").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token is not None
    data = {"name": name, "password": PASSWORD, "csrf_token": token.group(1), "back": "/"}
    assert client.post("/aanmelden", data=data, follow_redirects=False).status_code == 303


PAGES = ("worklist_team_lead", "worklist_team_lead_page_2", "worklist_director_mine", "case_page")


@dataclass
class Setup:
    """One database size, seeded, with a team lead and a case director signed in."""

    size: int
    database: str
    seconds_to_seed: float
    paths: dict[str, tuple[TestClient, str]]
    times: dict[str, list[float]] = field(default_factory=dict)


def prepared(size: int, url: str) -> Setup:
    settings = Settings(
        database_url=url,
        data_keys=Fernet.generate_key().decode(),
        subject_key="subject-key-for-the-ui-benchmark",
    )
    app = bootstrap(settings)
    upgrade(app.engine)
    accounts = WebAccounts(app.engine, app.clock, app.users)
    for name, role, team in (
        ("teun", Role.TEAM_LEAD, None),
        ("iris", Role.INTAKE, None),
        (DIRECTORS[0], Role.CASE_DIRECTOR, "noord"),
    ):
        app.users.add(name, role, team)
        accounts.set_password(name, PASSWORD)
    started = time.perf_counter()
    seed(app, size - 1)
    case_id = long_case(app, 200)
    seeded = time.perf_counter() - started
    if app.engine.dialect.name == "postgresql":
        with app.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    lead = TestClient(create_app(app), base_url="http://127.0.0.1")
    signed_in(lead, "teun")
    director = TestClient(create_app(app), base_url="http://127.0.0.1")
    signed_in(director, DIRECTORS[0])
    paths = {
        "worklist_team_lead": (lead, "/werkvoorraad"),
        "worklist_team_lead_page_2": (lead, "/werkvoorraad?alles=1&pagina=2"),
        "worklist_director_mine": (director, "/werkvoorraad?mine=1"),
        "case_page": (lead, f"/casus/{case_id}"),
    }
    for client, path in paths.values():
        client.get(path)  # warm
    return Setup(size, app.engine.dialect.name, round(seeded, 1), paths)


def sample(setup: Setup) -> None:
    """One request of each page, timed."""
    for page, (client, path) in setup.paths.items():
        start = time.perf_counter()
        answer = client.get(path)
        setup.times.setdefault(page, []).append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)


def figures(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[2000])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    configure_logging("WARNING", True)
    with ExitStack() as stack:
        setups = [
            prepared(size, stack.enter_context(fresh_database(args.database_url)))
            for size in args.cases
        ]
        # The sizes take turns, request by request: a machine that gets busier or quieter
        # during the run affects them alike.
        for _ in range(args.samples):
            for setup in setups:
                sample(setup)
    results: list[dict[str, Any]] = [
        {
            "cases": s.size,
            "database": s.database,
            "seconds_to_seed": s.seconds_to_seed,
            **{page: figures(s.times[page]) for page in PAGES},
        }
        for s in setups
    ]
    if len(results) > 1:
        first, last = results[0], results[-1]
        ratios = {
            f"{page}_p50_ratio": round(last[page]["p50_ms"] / first[page]["p50_ms"], 2)
            for page in PAGES
        }
        results.append({"largest_to_smallest": ratios})
    print(json.dumps(results, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
