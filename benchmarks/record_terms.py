"""What the non-case records' terms cost: the `retention` job's step 4 over N advice questions.

    python benchmarks/record_terms.py --questions 10000 50000 --json [--database-url URL]

For each N it fills a fresh database with N advice questions over twelve years (2015-2026) and
the 14 municipalities, then runs the store's batches (`SqlRecordStore.prune_batch`, 500 a batch,
each one transaction with its access-log row) on 1 March 2027 until nothing is past its term:
the questions of 2015 and 2016 removed, the texts of those asked up to 1 March 2022 destroyed.
Default database: a fresh one on the PostgreSQL of MELDPUNT_TEST_DATABASE_URL or this machine's.
Prints JSON: per N the records handled, seconds, records per second and the peak memory
(tracemalloc) of the run.
"""

import argparse
import json
import os
import sys
import time
import tracemalloc
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.crypto import FieldCipher
from adapters.db.migrate import upgrade
from adapters.db.record_prune import SqlRecordStore
from adapters.db.tables import advice_questions
from benchmarks.sweep import fresh_database
from config.reference import load_reference
from config.retention import load_retention_rules
from workflow.access import AccessEntry
from workflow.record_terms import cutoffs

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NAMES = load_reference().municipality_names()
NOW = datetime(2027, 3, 1, 11, tzinfo=UTC)
FIRST = date(2015, 1, 1)
ACCESS = AccessEntry("scheduler", "system", "scheduler", "write", "advice_question", "ok")


def fill(engine: Engine, cipher: FieldCipher, total: int) -> None:
    token = cipher.encrypt("Bespreek het met de mentor en de zorgcoordinator van de school.")
    span = (date(2026, 12, 31) - FIRST).days + 1
    rows = [
        {
            "id": str(uuid.UUID(int=i + 1)),
            "asked_on": FIRST + timedelta(days=(i * 37) % span),
            "channel": "phone",
            "organisation": "School",
            "professional": "teacher",
            "municipality": NAMES[(i * 7) % len(NAMES)],
            "topics": "sexual",
            "advice": token,
            "minutes": 5 + i % 60,
            "led_to_report": False,
            "case_id": None,
            "recorded_by": "bench",
            "recorded_at": NOW,
        }
        for i in range(total)
    ]
    with engine.begin() as conn:
        for start in range(0, total, 10_000):
            conn.execute(insert(advice_questions), rows[start : start + 10_000])
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE advice_questions"))


def measure(server_url: str, total: int) -> dict[str, object]:
    url, admin = fresh_database(server_url)
    engine = create_engine(url)
    try:
        upgrade(engine)
        cipher = FieldCipher([Fernet.generate_key().decode()])
        fill(engine, cipher, total)
        store = SqlRecordStore(engine, cipher)
        cut = cutoffs(load_retention_rules().records, NOW.date())
        done: dict[str, int] = {}
        tracemalloc.start()
        started = time.perf_counter()
        while (batch := store.prune_batch(cut, 500, NOW, ACCESS)).step is not None:
            done[batch.step.value] = done.get(batch.step.value, 0) + batch.done
        store.sweep_free_space()
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        handled = sum(done.values())
        return {
            "questions": total,
            **done,
            "seconds": round(seconds, 2),
            "records_per_second": round(handled / seconds),
            "peak_memory_mb": round(peak / 2**20, 2),
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
    parser.add_argument("--questions", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument(
        "--database-url", default=os.environ.get("MELDPUNT_TEST_DATABASE_URL", DEFAULT_PG)
    )
    parser.add_argument("--json", action="store_true", help="print JSON (the only output form)")
    args = parser.parse_args()
    runs = [measure(args.database_url, n) for n in args.questions]
    backend = make_url(args.database_url).get_backend_name()
    print(json.dumps({"benchmark": "record_terms", "database": backend, "runs": runs}))


if __name__ == "__main__":
    main()
