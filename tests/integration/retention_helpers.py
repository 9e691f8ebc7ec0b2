"""Helpers of the retention tests: a closed case, the job's steps, and dumps of the database."""

import re
import sqlite3
import subprocess
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from adapters.bootstrap import App
from adapters.crypto import DataKeysDoNotFit
from adapters.retention_run import anonymise_approved, retention_job
from tests.conftest import report_data
from tests.integration.helpers import fire, register
from workflow.report import Report
from workflow.retention_commands import ApproveDestructionList, ProposeDestruction

LEAD = "teun"
RATIONALE = "zij loopt elke vrijdag weg naar een oudere vriend"
CLOSE = {"result": "no_exploitation_found", "reason": "geen aanwijzingen gevonden na gesprek"}
LATER = datetime.now(UTC) + timedelta(days=365 * 30)


def closed_case(app: App, name: str, bsn: str, close: dict[str, Any] = CLOSE) -> str:
    report = Report.parse(report_data(name=name, bsn=bsn))
    ref = register(app, report)
    assess = {"level": "elevated", "indicators": ["runs_away"], "rationale": RATIONALE}
    fire(app, ref.case_id, "assess_risk", assess)
    fire(app, ref.case_id, "close", close)
    return ref.case_id


def propose(app: App, now: datetime = LATER) -> dict[str, Any]:
    result: dict[str, Any] = app.bus.handle(ProposeDestruction(actor="scheduler", now=now))
    return result


def approve(app: App, list_id: str) -> int:
    count: int = app.bus.handle(ApproveDestructionList(actor=LEAD, list_id=list_id))
    return count


def run(app: App, now: datetime = LATER, size: int = 0) -> int:
    return anonymise_approved(app.bus, now, size=size)


def job(app: App, now: datetime = LATER) -> dict[str, Any]:
    return retention_job(app.bus, now)


def dump(app: App, database_url: str) -> bytes:
    """The whole database as its backup would hold it: pg_dump's output, or the SQLite file
    with its write-ahead log folded in."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        app.engine.dispose()
        database = Path(url.database or "")
        with closing(sqlite3.connect(database)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return subprocess.run(["pg_dump", plain], check=True, capture_output=True).stdout


FERNET = re.compile(rb"gAAAAA[A-Za-z0-9_\-]+=*")


def decryptable(app: App, raw: bytes) -> str:
    """Every Fernet token in `raw` that the service's keys decrypt, decrypted and joined."""
    found = []
    for token in FERNET.findall(raw):
        try:
            found.append(app.cipher.decrypt(token))
        except (DataKeysDoNotFit, ValueError):
            continue
    return "\n".join(found)
