"""How fast the `retention` job anonymises approved cases, and how much memory it takes.

    python benchmarks/retention.py --due N --total M --json [--database-url URL] [--batch B]

Seeds M closed cases (one made through the service, the rest copies of its rows under new ids,
encrypted blobs included: a case row, its report and its three history entries), N of them past
their archive action date; the job's proposal puts those N on a destruction list, which is
approved; then the `AnonymiseBatch` commands that `meldpunt retention run` and the job send
anonymise them batch by batch through the bus. The first half of the batches is timed
(seconds, cases_per_second over timed_cases); the second half runs under tracemalloc for
peak_mib, the peak of Python allocations, which must stay flat as N grows (one batch is held
at a time; tracemalloc slows what it watches, so that half is not timed). Default: a fresh
SQLite file; with a postgresql URL a fresh database on that server, dropped afterwards."""

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.fernet import Fernet

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from adapters.db.tables import case_history, cases, reports
from config.logging import configure_logging
from config.settings import Settings
from workflow.access import Role
from workflow.commands import FireTrigger, RegisterReport
from workflow.report import Report
from workflow.retention_commands import AnonymiseBatch, ApproveDestructionList, ProposeDestruction
from workflow.retention_store import Batch
from workflow.transition_data import transition_data

CHUNK = 2000
REPORT = {
    "received_at": "2026-01-05T10:15:00+01:00",
    "channel": "phone",
    "reporter": {"kind": "professional", "name": "J. de Vries", "phone": "+31 53 000 0000"},
    "subject": {
        "name": "Fenna Testpersoon",
        "date_of_birth": "2010-03-14",
        "sex": "female",
        "municipality": "Enschede",
        "bsn": "111222333",
    },
    "exploitation_forms": ["sexual"],
    "signals": ["runs_away"],
    "description": "vrije tekst over de melding",
}


@contextmanager
def database(url: str | None) -> Iterator[str]:
    if url is None or not url.startswith("postgresql"):
        with tempfile.TemporaryDirectory() as folder:
            yield url or f"sqlite:///{folder}/retention.db"
        return
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"meldpunt_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.engine.make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def sample(app: App) -> str:
    ref = app.bus.handle(RegisterReport(actor="intake", report=Report.parse(REPORT)))
    assess = {"level": "elevated", "indicators": ["runs_away"], "rationale": "loopt weg"}
    close = {"result": "no_exploitation_found", "reason": "geen aanwijzingen gevonden"}
    for trigger, data in (("assess_risk", assess), ("close", close)):
        data_for = transition_data(trigger, data)
        app.bus.handle(FireTrigger(actor="anna", case_id=ref.case_id, data=data_for))
    case_id: str = ref.case_id
    return case_id


def seed(app: App, case_id: str, due: int, total: int, today: datetime) -> None:
    with app.engine.connect() as conn:
        case = dict(conn.execute(sa.select(cases).where(cases.c.id == case_id)).mappings().one())
        report = dict(
            conn.execute(sa.select(reports).where(reports.c.case_id == case_id)).mappings().one()
        )
        history = [
            dict(h)
            for h in conn.execute(
                sa.select(case_history).where(case_history.c.case_id == case_id)
            ).mappings()
        ]
    past, future = today.date() - timedelta(days=1), today.date() + timedelta(days=3650)
    with app.engine.begin() as conn:  # the sample itself is one of the not-due cases
        conn.execute(
            sa.update(cases).where(cases.c.id == case_id).values(archive_action_date=future)
        )
    for start in range(1, total, CHUNK):
        numbers = range(start, min(start + CHUNK, total))
        ids = {n: str(uuid.uuid4()) for n in numbers}
        keys = {"subject_key": None, "name_dob_key": None, "dob_key": None}
        with app.engine.begin() as conn:
            conn.execute(
                sa.insert(cases),
                [
                    case
                    | keys
                    | {"id": ids[n], "subject_key": uuid.uuid4().hex + uuid.uuid4().hex}
                    | {"archive_action_date": past if n <= due else future}
                    for n in numbers
                ],
            )
            conn.execute(sa.insert(reports), [report | {"case_id": ids[n]} for n in numbers])
            conn.execute(
                sa.insert(case_history),
                [h | {"case_id": ids[n]} for n in numbers for h in history],
            )


def run_batches(app: App, now: datetime, size: int, most: int) -> int:
    """At most `most` batches, as `anonymise_approved` runs them; how many cases they took."""
    done = 0
    for _ in range(most):
        batch: Batch = app.bus.handle(AnonymiseBatch(actor="teun", now=now, size=size))
        done += len(batch.anonymised)
        if batch.remaining == 0:
            break
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--due", type=int, default=1000)
    parser.add_argument("--total", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--database-url")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not 0 < args.due < args.total:
        parser.error("--due must be above 0 and below --total")
    configure_logging("WARNING", False)
    with database(args.database_url) as url:
        settings = Settings(
            database_url=url,
            data_keys=Fernet.generate_key().decode(),
            subject_key="subject-key-for-the-benchmark-0123",
            log_level="WARNING",
        )  # type: ignore[call-arg]
        app = bootstrap(settings)
        upgrade(app.engine)
        app.users.add("teun", Role.TEAM_LEAD)
        now = datetime.now(UTC)
        seed(app, sample(app), args.due, args.total, now)
        listed: dict[str, Any] = app.bus.handle(ProposeDestruction(actor="scheduler", now=now))
        app.bus.handle(ApproveDestructionList(actor="teun", list_id=listed["list_id"]))
        if app.engine.dialect.name == "postgresql":
            # A team lead approves a list days after the job proposed it, and autovacuum has
            # analysed the new rows by then; here it is a moment later, so analyse now.
            with app.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
        # The first half of the batches timed as they run; the rest under tracemalloc, whose
        # bookkeeping slows them, for the peak of what the run holds at once.
        batches = -(-args.due // args.batch)
        started = time.perf_counter()
        timed = run_batches(app, now, args.batch, (batches + 1) // 2)
        seconds = time.perf_counter() - started
        tracemalloc.start()
        traced = run_batches(app, now, args.batch, batches)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        app.engine.dispose()
    result = {
        "database": sa.engine.make_url(url).get_backend_name(),
        "due": args.due,
        "total": args.total,
        "listed": listed["listed"],
        "anonymised": timed + traced,
        "batch": args.batch,
        "timed_cases": timed,
        "seconds": round(seconds, 2),
        "cases_per_second": round(timed / seconds, 1),
        "peak_mib": round(peak / 2**20, 2),
    }
    print(json.dumps(result) if args.json else result)


if __name__ == "__main__":
    main()
