"""How long the municipality x quarter table takes, against the same GROUP BY by hand.

    python benchmarks/figures.py --cases 10000 500000 --json [--database-url URL]

For each N it fills a fresh database with N cases received over 2018-2025 (14 municipalities
and some outside Twente), then times over `--repeat` runs: the figure as the service makes it
(adapters/db/figures.py: one GROUP BY with the periods as CASE bounds in Amsterdam time,
then the table with suppression), and the floor: a GROUP BY on municipality and
date_trunc('quarter', received_at AT TIME ZONE 'Europe/Amsterdam') sent as a string on the
driver's own cursor, its rows fetched. Prints JSON: per N the medians in ms and their ratio.
PostgreSQL only (the floor uses its date functions); default database: a fresh one on the
server of MELDPUNT_TEST_DATABASE_URL or this machine's.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.db.figures import FigureQueries
from adapters.db.migrate import upgrade
from adapters.db.tables import cases
from config.reference import load_reference
from workflow.figures.dimensions import Dimension, categories
from workflow.figures.periods import PeriodKind, periods
from workflow.figures.table import count_table

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
FIRST, LAST = 2018, 2025
FLOOR = (
    "SELECT municipality, date_trunc('quarter', received_at AT TIME ZONE 'Europe/Amsterdam'), "
    "count(*) FROM cases WHERE received_at >= %s AND received_at < %s GROUP BY 1, 2"
)


def fresh_database(server_url: str) -> tuple[str, Engine]:
    url = make_url(server_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"meldpunt_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return url.set(database=name).render_as_string(hide_password=False), admin


def fill(engine: Engine, total: int, municipalities: list[str]) -> None:
    chance = random.Random(16)
    start = datetime(FIRST, 1, 1, tzinfo=UTC)
    span = (datetime(LAST + 1, 1, 1, tzinfo=UTC) - start).total_seconds()
    places = [*municipalities, "Zwolle"]
    weights = [8 if m == "Enschede" else 1 for m in municipalities] + [0.2]
    with engine.begin() as conn:
        for first in range(0, total, 10_000):
            rows = []
            for i in range(first, min(total, first + 10_000)):
                received = start + timedelta(seconds=chance.random() * span)
                rows.append(
                    {
                        "id": str(uuid.UUID(int=i + 1)),
                        "state": "received",
                        "version": 1,
                        "received_at": received,
                        "municipality": chance.choices(places, weights)[0],
                        "age_at_report": chance.randint(9, 35),
                        "created_at": received,
                        "updated_at": received,
                    }
                )
            conn.execute(insert(cases), rows)
        conn.execute(text("ANALYZE cases"))


def timed(run: "object", repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure(server_url: str, total: int, repeat: int) -> dict[str, object]:
    url, admin = fresh_database(server_url)
    engine = create_engine(url)
    names = load_reference().municipality_names()
    spans = periods(PeriodKind.QUARTER, FIRST, LAST)
    try:
        upgrade(engine)
        fill(engine, total, names)
        queries = FigureQueries(engine, names)
        rows = categories(Dimension.MUNICIPALITY, names)
        columns = [p.key for p in spans]

        def service() -> None:
            found = queries.counts(Dimension.MUNICIPALITY, spans, "reports")
            count_table("reports", "municipality", rows, columns, found, 5)

        def query_only() -> None:
            queries.counts(Dimension.MUNICIPALITY, spans, "reports")

        raw = engine.raw_connection()
        bounds = (spans[0].start, spans[-1].end)

        def floor() -> None:
            cursor = raw.cursor()
            cursor.execute(FLOOR, bounds)
            cursor.fetchall()
            cursor.close()

        for run in (floor, query_only, service):  # warm the caches alike
            run()
        floor_ms, query_ms = timed(floor, repeat), timed(query_only, repeat)
        service_ms = timed(service, repeat)
        raw.close()
        return {
            "cases": total,
            "quarters": len(spans),
            "floor_ms": round(floor_ms, 2),
            "query_ms": round(query_ms, 2),
            "service_ms": round(service_ms, 2),
            "query_ratio": round(query_ms / floor_ms, 2),
            "service_ratio": round(service_ms / floor_ms, 2),
        }
    finally:
        engine.dispose()
        name = make_url(url).database
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[10_000, 500_000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="JSON only (the default output)")
    parser.add_argument(
        "--database-url", default=os.environ.get("MELDPUNT_TEST_DATABASE_URL", DEFAULT_PG)
    )
    args = parser.parse_args()
    results = [measure(args.database_url, n, args.repeat) for n in args.cases]
    print(json.dumps({"benchmark": "figures_municipality_by_quarter", "results": results}))


if __name__ == "__main__":
    main()
