"""How long a partner waits for a signal's answer when it matches a case and when it matches
none: the answers are the same (docs/partners.md, "No oracle"); this measures what the clock
could still tell a partner within its budget.

    python benchmarks/partner_oracle.py --json [--signals N] [--database-url URL]

In process (FastAPI's TestClient), on a SQLite file of its own unless --database-url names
another (a fresh, empty database: its tables are left there). N signals (default 200) of each
kind, alternating; the budget set high enough that none is refused. Prints p50 and p90 in
milliseconds for each kind.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adapters.bootstrap import bootstrap  # noqa: E402
from adapters.db.migrate import upgrade  # noqa: E402
from adapters.http.app import create_app  # noqa: E402
from config.settings import Settings  # noqa: E402
from workflow.access import Role  # noqa: E402

REPORT = json.loads((ROOT / "examples" / "report.json").read_text())
SUBJECT = {"name": "Bekend Kind", "date_of_birth": "2011-05-04", "municipality": "Enschede"}


def signal(subject: dict[str, Any]) -> dict[str, Any]:
    return {
        "specversion": "1.0",
        "id": uuid.uuid4().hex,
        "source": "urn:nl:twente:scholen",
        "type": "nl.meldpunt.signal",
        "data": {"subject": subject, "signals": ["truancy"]},
    }


def percentiles(times: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(times, n=10)
    return {"p50_ms": round(statistics.median(times) * 1000, 2), "p90_ms": round(cuts[8] * 1000, 2)}


def run(url: str, count: int) -> dict[str, Any]:
    settings = Settings(
        database_url=url,
        data_keys=Fernet.generate_key().decode(),
        subject_key="subject-key-for-the-benchmark-0123",
        partner_signals_per_minute=10 * count + 10,
    )
    app = bootstrap(settings)
    upgrade(app.engine)
    for role, team in ((Role.INTAKE, None), (Role.PARTNER, "school")):
        app.users.add(role.value, role, team)
    tokens = {role: app.users.issue(role.value, 1).token for role in (Role.INTAKE, Role.PARTNER)}
    times: dict[str, list[float]] = {"matched": [], "unmatched": []}
    with TestClient(create_app(app)) as client:
        report = {**REPORT, "subject": {**REPORT["subject"], **SUBJECT, "bsn": None}}
        intake = {"Authorization": f"Bearer {tokens[Role.INTAKE]}"}
        assert client.post("/api/v1/reports", json=report, headers=intake).status_code == 201
        partner = {"Authorization": f"Bearer {tokens[Role.PARTNER]}"}
        for n in range(count):
            for kind, subject in (
                ("matched", SUBJECT),
                ("unmatched", {**SUBJECT, "name": f"Onbekend {n}"}),
            ):
                start = time.perf_counter()
                answer = client.post(
                    "/api/v1/partner-events", json=signal(subject), headers=partner
                )
                times[kind].append(time.perf_counter() - start)
                assert answer.status_code == 202, answer.text
    app.engine.dispose()
    return {"signals_each": count, **{kind: percentiles(t) for kind, t in times.items()}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--signals", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.db"
        print(json.dumps(run(url, args.signals)))


if __name__ == "__main__":
    main()
