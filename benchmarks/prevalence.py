"""What the prevalence's count of reports in a year and the cost share cost.

    python benchmarks/prevalence.py --cases 10000 200000 --json [--database-url URL]

For each N it fills a fresh database with N cases received over five years (2020-2024), then
times `received_in` (the count `meldpunt figures prevalence` makes: cases received in 2022 and
those about a minor) over `--repeat` runs, beside the same COUNT written by hand on the driver.
It also times one cost share (14 municipalities, largest remainder). Default database: a fresh
one on the PostgreSQL of MELDPUNT_TEST_DATABASE_URL or this machine's. Prints JSON.
"""

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.db.migrate import upgrade
from adapters.db.received_counts import received_in
from adapters.db.tables import cases
from benchmarks.sweep import DEFAULT_PG, fresh_database
from config.reference import load_reference
from workflow.cost_share import Method
from workflow.cost_share_table import cost_share

START = datetime(2020, 1, 1, tzinfo=UTC)
BY_HAND = (
    "SELECT count(*), sum(CASE WHEN age_at_report < 18 THEN 1 ELSE 0 END) FROM cases "
    "WHERE received_at >= '2021-12-31 23:00:00+00' AND received_at < '2022-12-31 23:00:00+00'"
)


def fill(engine: Engine, total: int) -> None:
    step = timedelta(days=5 * 365) / total
    rows = [
        {
            "id": str(uuid.UUID(int=i + 1)),
            "state": "received",
            "version": 1,
            "received_at": START + step * i,
            "municipality": "Enschede",
            "age_at_report": 12 + i % 20,
            "created_at": START,
            "updated_at": START,
        }
        for i in range(total)
    ]
    with engine.begin() as conn:
        for start in range(0, total, 10_000):
            conn.execute(insert(cases), rows[start : start + 10_000])
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE cases"))


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return round(statistics.median(timings), 3), round(timings[int(len(timings) * 0.95) - 1], 3)


def measure(server_url: str, total: int, repeat: int) -> dict[str, object]:
    url, admin = fresh_database(server_url)
    engine = create_engine(url)
    try:
        upgrade(engine)
        fill(engine, total)
        found = received_in(engine, 2022)
        median, p95 = timed(lambda: received_in(engine, 2022), repeat)
        with engine.connect() as conn:
            hand = conn.execute(text(BY_HAND)).one()
            floor, _ = timed(lambda: conn.execute(text(BY_HAND)).one(), repeat)
        assert (found.reports, found.minors) == (hand[0], hand[1] or 0), (found, hand)
        return {
            "cases": total,
            "received_2022": found.reports,
            "median_ms": median,
            "p95_ms": p95,
            "by_hand_median_ms": floor,
            "ratio_to_by_hand": round(median / floor, 2),
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
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--database-url", default=os.environ.get("MELDPUNT_TEST_DATABASE_URL", DEFAULT_PG)
    )
    parser.add_argument("--json", action="store_true", help="print JSON (the only output form)")
    args = parser.parse_args()
    municipalities = load_reference().municipalities
    share_ms, _ = timed(
        lambda: cost_share(municipalities, 9_750_000, 2019, Method.LARGEST_REMAINDER), 200
    )
    runs = [measure(args.database_url, n, args.repeat) for n in args.cases]
    backend = make_url(args.database_url).get_backend_name()
    summary = {"benchmark": "prevalence", "database": backend, "cost_share_median_ms": share_ms}
    print(json.dumps({**summary, "runs": runs}))


if __name__ == "__main__":
    main()
