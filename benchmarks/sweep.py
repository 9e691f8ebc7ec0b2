"""How long the stalled-case sweep takes to find the due cases among many.

    python benchmarks/sweep.py --cases 10000 200000 --due 2000 --json [--database-url URL]

For each N it fills a fresh database with N cases of which `--due` have an alert due, then times
the sweep's query (the repository's `due_alerts`, as the scheduler runs it) over `--repeat` runs.
Default database: a fresh database on the PostgreSQL of MELDPUNT_TEST_DATABASE_URL or this
machine's; with an sqlite URL, a temp file. Prints JSON: per N the median and p95 in ms, the
number found, and whether the plan uses the index.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.db.migrate import upgrade
from adapters.db.repository import SqlCaseRepository
from adapters.db.tables import cases

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def fresh_database(server_url: str) -> tuple[str, Engine | None]:
    url = make_url(server_url)
    if url.get_backend_name() == "sqlite":
        path = Path(tempfile.mkdtemp()) / "sweep.db"
        return f"sqlite:///{path}", None
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"meldpunt_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return url.set(database=name).render_as_string(hide_password=False), admin


def fill(engine: Engine, total: int, due: int) -> None:
    """N cases spread over two years of deadlines; `due` of them alert before NOW."""
    rows = []
    for i in range(total):
        alert = NOW - timedelta(hours=1 + i) if i < due else NOW + timedelta(minutes=5 + i)
        rows.append(
            {
                "id": str(uuid.UUID(int=i + 1)),
                "state": "in_case_direction",
                "version": 3,
                "received_at": NOW - timedelta(days=30),
                "municipality": "Enschede",
                "created_at": NOW,
                "updated_at": NOW,
                "deadline_at": alert,
                "deadline_kind": "activity",
                "alert_stage": 0,
                "next_alert_at": alert,
                "needs_plan": False,
                "follow_ups_done": 0,
            }
        )
    with engine.begin() as conn:
        for start in range(0, total, 10_000):
            conn.execute(insert(cases), rows[start : start + 10_000])
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE cases"))


def uses_index(engine: Engine) -> bool:
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            plan = "\n".join(
                r[0]
                for r in conn.execute(
                    text(
                        "EXPLAIN SELECT id FROM cases WHERE next_alert_at <= now() "
                        "AND deadline_kind <> 'follow_up' ORDER BY next_alert_at LIMIT 5000"
                    )
                )
            )
        else:
            plan = "\n".join(
                str(r)
                for r in conn.execute(
                    text(
                        "EXPLAIN QUERY PLAN SELECT id FROM cases WHERE next_alert_at <= '2026' "
                        "AND deadline_kind <> 'follow_up' ORDER BY next_alert_at LIMIT 5000"
                    )
                )
            )
    return "ix_cases_next_alert_at" in plan


def measure(server_url: str, total: int, due: int, repeat: int) -> dict[str, object]:
    url, admin = fresh_database(server_url)
    engine = create_engine(url)
    try:
        upgrade(engine)
        fill(engine, total, due)
        timings, found = [], 0
        with engine.connect() as conn:
            repository = SqlCaseRepository(conn, cipher=None)  # type: ignore[arg-type]
            for _ in range(repeat):
                started = time.perf_counter()
                found = len(repository.due_alerts(NOW, follow_ups=False, limit=due + 1))
                timings.append((time.perf_counter() - started) * 1000)
                conn.rollback()
        timings.sort()
        return {
            "cases": total,
            "due": due,
            "found": found,
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
            "uses_index": uses_index(engine),
        }
    finally:
        engine.dispose()
        if admin is not None:
            name = make_url(url).database
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[10_000, 200_000])
    parser.add_argument("--due", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--database-url", default=os.environ.get("MELDPUNT_TEST_DATABASE_URL", DEFAULT_PG)
    )
    parser.add_argument("--json", action="store_true", help="print JSON (the only output form)")
    args = parser.parse_args()
    results = [measure(args.database_url, n, args.due, args.repeat) for n in args.cases]
    backend = make_url(args.database_url).get_backend_name()
    summary: dict[str, object] = {"benchmark": "sweep", "database": backend, "runs": results}
    if len(results) >= 2:
        summary["ratio_largest_to_smallest"] = round(
            float(results[-1]["median_ms"]) / float(results[0]["median_ms"]), 2
        )  # type: ignore[arg-type]
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
