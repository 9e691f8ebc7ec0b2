"""What the counts of advice questions per municipality and quarter cost, beside the floor: the
same GROUP BY written by hand on the driver.

    python benchmarks/noncase_counts.py --questions 10000 200000 --json [--database-url URL]

For each N it fills a fresh database with N advice questions spread over three years and the 14
municipalities, then times `NonCaseCounts.advice` (one year by quarter: 56 rows, zeros included)
and the hand-written query (PostgreSQL: date_trunc; SQLite: strftime) over `--repeat` runs.
Default database: a fresh one on the PostgreSQL of MELDPUNT_TEST_DATABASE_URL or this machine's.
Prints JSON: per N the medians in ms and their ratio.
"""

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.db.migrate import upgrade
from adapters.db.noncase_counts import NonCaseCounts, Period
from adapters.db.tables import advice_questions
from benchmarks.sweep import fresh_database
from config.reference import load_reference

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NAMES = load_reference().municipality_names()
FIRST = date(2024, 1, 1)
YEAR = (date(2025, 1, 1), date(2025, 12, 31))
HAND = {
    "postgresql": (
        "SELECT municipality, date_trunc('quarter', asked_on) AS q, count(*), "
        "sum(CASE WHEN led_to_report THEN 1 ELSE 0 END), sum(minutes) FROM advice_questions "
        "WHERE asked_on BETWEEN %s AND %s GROUP BY municipality, q"
    ),
    "sqlite": (
        "SELECT municipality, strftime('%Y', asked_on) || ((strftime('%m', asked_on) + 2) / 3) "
        "AS q, count(*), sum(led_to_report), sum(minutes) FROM advice_questions "
        "WHERE asked_on BETWEEN ? AND ? GROUP BY municipality, q"
    ),
}


def fill(engine: Engine, total: int) -> None:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        {
            "id": str(uuid.UUID(int=i + 1)),
            "asked_on": FIRST + timedelta(days=i % 1095),
            "channel": "phone",
            "organisation": "School",
            "professional": "teacher",
            "municipality": NAMES[(i * 7) % len(NAMES)],
            "topics": "sexual",
            "advice": b"not read by a count",
            "minutes": 5 + i % 60,
            "led_to_report": i % 9 == 0,
            "case_id": None,
            "recorded_by": "bench",
            "recorded_at": at,
        }
        for i in range(total)
    ]
    with engine.begin() as conn:
        for start in range(0, total, 10_000):
            conn.execute(insert(advice_questions), rows[start : start + 10_000])
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE advice_questions"))


def timed(work: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure(server_url: str, total: int, repeat: int) -> dict[str, object]:
    url, admin = fresh_database(server_url)
    engine = create_engine(url)
    try:
        upgrade(engine)
        fill(engine, total)
        counts = NonCaseCounts(engine)
        rows = counts.advice(NAMES, Period.QUARTER, *YEAR)

        def by_hand() -> object:
            raw = engine.raw_connection()
            try:
                cursor = raw.cursor()
                cursor.execute(HAND[engine.dialect.name], YEAR)
                return cursor.fetchall()
            finally:
                raw.close()

        ours = timed(lambda: counts.advice(NAMES, Period.QUARTER, *YEAR), repeat)
        floor = timed(by_hand, repeat)
        return {
            "questions": total,
            "rows": len(rows),
            "counted": sum(r["advice_questions"] for r in rows),
            "median_ms": round(ours, 2),
            "by_hand_median_ms": round(floor, 2),
            "ratio_to_by_hand": round(ours / floor, 2),
        }
    finally:
        engine.dispose()
        if admin is not None:
            name = make_url(url).database
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--questions", type=int, nargs="+", default=[10_000, 200_000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--database-url", default=os.environ.get("MELDPUNT_TEST_DATABASE_URL", DEFAULT_PG)
    )
    parser.add_argument("--json", action="store_true", help="print JSON (the only output form)")
    args = parser.parse_args()
    runs = [measure(args.database_url, n, args.repeat) for n in args.questions]
    backend = make_url(args.database_url).get_backend_name()
    print(json.dumps({"benchmark": "noncase_counts", "database": backend, "runs": runs}))


if __name__ == "__main__":
    main()
