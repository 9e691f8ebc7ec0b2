"""How long the data subject's access report takes for a person among many cases and a long
access log (docs/subject_rights.md).

    python benchmarks/subject_report.py --cases 10000 100000 --accesses-per-case 5 --json

For each N it fills a fresh database with N cases (an encrypted report and a history entry each,
every one about a person of its own but for `--person-cases` about the same person) and
N x `--accesses-per-case` rows of the access log, then times the report by BSN as the privacy
officer gets it (find the person's cases by subject key, read each case file, read their access
rows) over `--repeat` runs. Default database: a fresh one on the PostgreSQL of
MELDPUNT_TEST_DATABASE_URL or this machine's. Prints JSON: per N the median and p95 in ms.
"""

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import Engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.crypto import FieldCipher
from adapters.db.access_chain import append
from adapters.db.case_file import CaseFiles
from adapters.db.engine import make_engine
from adapters.db.migrate import upgrade
from adapters.db.subject_report import SubjectReports
from adapters.db.tables import case_history, cases, reports
from benchmarks.sweep import DEFAULT_PG, fresh_database
from config.settings import Settings
from workflow.access import AccessEntry
from workflow.person import person_named
from workflow.report import Report
from workflow.subjects import SubjectKeys

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
BSN = "111222333"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "report.json"


def fill(
    engine: Engine, cipher: FieldCipher, keys: SubjectKeys, total: int, mine: int, per: int
) -> None:
    report = Report.model_validate_json(EXAMPLE.read_text("utf-8"))
    content = cipher.encrypt(report.model_dump_json())  # the same bytes: filling, not crypto
    entry = cipher.encrypt("{}")
    theirs = keys.identify(report.subject)
    with engine.begin() as conn:
        for start in range(0, total, 5_000):
            ids = [str(uuid.UUID(int=i + 1)) for i in range(start, min(total, start + 5_000))]
            rows = []
            for n, case_id in enumerate(ids, start):
                key = theirs.subject_key if n < mine else uuid.uuid4().hex * 2
                rows.append(
                    {
                        "id": case_id,
                        "state": "received",
                        "version": 1,
                        "received_at": NOW,
                        "municipality": "Enschede",
                        "created_at": NOW,
                        "updated_at": NOW,
                        "subject_key": key,
                        "needs_plan": False,
                        "follow_ups_done": 0,
                    }
                )
            conn.execute(insert(cases), rows)
            conn.execute(
                insert(reports),
                [
                    {"case_id": c, "channel": "phone", "received_at": NOW, "content": content}
                    for c in ids
                ],
            )
            conn.execute(
                insert(case_history),
                [
                    {
                        "case_id": c,
                        "seq": 1,
                        "trigger": "register",
                        "to_state": "received",
                        "actor": "iris",
                        "occurred_at": NOW,
                        "data": entry,
                    }
                    for c in ids
                ],
            )
            reads = [
                (AccessEntry("anna", "case_director", "bench", "read", "case", "ok", c), None)
                for c in ids
                for _ in range(per)
            ]
            append(conn, reads, NOW)
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))


def measure(server_url: str, total: int, mine: int, per: int, repeat: int) -> dict[str, object]:
    url, admin = fresh_database(server_url)
    settings = Settings(database_url=url)
    engine = make_engine(url, settings)
    cipher = FieldCipher([Fernet.generate_key().decode()])
    keys = SubjectKeys(b"subject-key-for-the-benchmark-01")
    try:
        upgrade(engine)
        fill(engine, cipher, keys, total, mine, per)
        subject = SubjectReports(engine, CaseFiles(engine, cipher), keys)
        person = person_named(bsn=BSN)
        timings, found = [], {}
        for _ in range(repeat):
            started = time.perf_counter()
            identity = subject.identity(person)
            found = subject.report(subject.case_ids(person, identity), identity)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        return {
            "cases": total,
            "access_rows": total * per,
            "person_cases": len(found["cases"]),
            "person_accesses": len(found["accesses"]),
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 2),
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
    parser.add_argument("--cases", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--person-cases", type=int, default=5)
    parser.add_argument("--accesses-per-case", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--database-url", default=os.environ.get("MELDPUNT_TEST_DATABASE_URL", DEFAULT_PG)
    )
    parser.add_argument("--json", action="store_true", help="print JSON (the only output form)")
    args = parser.parse_args()
    runs = [
        measure(args.database_url, n, args.person_cases, args.accesses_per_case, args.repeat)
        for n in args.cases
    ]
    backend = make_url(args.database_url).get_backend_name()
    print(json.dumps({"benchmark": "subject_report", "database": backend, "runs": runs}))


if __name__ == "__main__":
    main()
