"""What the access log's signed checkpoint costs on a long log (docs/privacy.md).

    python benchmarks/access_checkpoint.py --rows 10000 100000 --json

For each N it fills a fresh database with N access-log rows (chained, as the service writes
them), then times over `--repeat` runs: taking and signing a checkpoint (the scheduled job: the
head, a count of the rows, HMAC, an appended line; one new row before each, so each run signs),
and checking the log against the latest checkpoint (what `meldpunt accesslog verify` adds to
the walk of the chain, timed too). Default database: a fresh one on the PostgreSQL of
MELDPUNT_TEST_DATABASE_URL or this machine's. Prints JSON: per N the median and p95 in ms.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.access_anchor import record_checkpoint
from adapters.access_anchor_check import check_against_checkpoint
from adapters.db.access_chain import append, verify
from adapters.db.engine import make_engine
from adapters.db.migrate import upgrade
from benchmarks.sweep import DEFAULT_PG, fresh_database
from config.logging import configure_logging
from config.settings import Settings
from workflow.access import AccessEntry

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
ENTRY = AccessEntry("anna", "case_director", "cli", "read", "case", "ok", "case-1")


def timed(run: Callable[[], object], repeat: int, before: Callable[[], object]) -> dict[str, float]:
    spent = []
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        run()
        spent.append((time.perf_counter() - started) * 1000)
    spent.sort()
    return {
        "median_ms": round(statistics.median(spent), 2),
        "p95_ms": round(spent[min(len(spent) - 1, int(len(spent) * 0.95))], 2),
    }


def one(server_url: str, rows: int, repeat: int) -> dict[str, object]:
    url, admin = fresh_database(server_url)
    folder = Path(tempfile.mkdtemp())
    settings = Settings(
        database_url=url,
        data_keys="x",  # not used: no personal data here
        access_checkpoint_file=folder / "checkpoints.jsonl",
        access_checkpoint_key_file=folder / "checkpoint.key",
    )
    engine = make_engine(url, settings)
    try:
        upgrade(engine)
        for start in range(0, rows, 5_000):
            with engine.begin() as conn:
                append(conn, [(ENTRY, None)] * min(5_000, rows - start), NOW)

        def one_more() -> None:
            with engine.begin() as conn:
                append(conn, [(ENTRY, None)], NOW)

        def chain() -> None:
            with engine.connect() as conn, conn.begin():
                assert verify(conn).intact

        return {
            "rows": rows,
            "checkpoint": timed(lambda: record_checkpoint(engine, settings, NOW), repeat, one_more),
            "check_against_checkpoint": timed(
                lambda: check_against_checkpoint(engine, settings, NOW), repeat, lambda: None
            ),
            "chain_walk": timed(chain, max(1, repeat // 5), lambda: None),
        }
    finally:
        engine.dispose()
        if admin is not None:
            with admin.connect() as conn:
                name = url.rsplit("/", 1)[1]
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--database-url", default=os.environ.get("MELDPUNT_TEST_DATABASE_URL", DEFAULT_PG)
    )
    parser.add_argument("--json", action="store_true", help="JSON only (the default output)")
    args = parser.parse_args()
    configure_logging("WARNING", json=True)  # stdout is the JSON result only
    results = [one(args.database_url, n, args.repeat) for n in args.rows]
    print(json.dumps({"database": args.database_url.split(":")[0], "results": results}))


if __name__ == "__main__":
    main()
