"""Shared fixtures: real databases for integration tests, isolated per test run.

PostgreSQL comes from MELDPUNT_TEST_DATABASE_URL (default: this machine's server). When it is
unreachable the tests fail, they never skip: set MELDPUNT_TEST_SKIP_POSTGRES=1 to leave it out
on purpose on a machine without it (CI never does).
"""

import base64
import itertools
import os
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from stdnum.nl import bsn as stdnum_bsn

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from config.settings import Settings
from workflow.access import Role
from workflow.report import Report

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_URL = os.environ.get("MELDPUNT_TEST_DATABASE_URL", DEFAULT_PG)
SKIP_PG = os.environ.get("MELDPUNT_TEST_SKIP_POSTGRES") == "1"

BACKENDS = ["sqlite"] + ([] if SKIP_PG else ["postgresql"])


def fresh_postgres_database() -> tuple[str, "callable[[], None]"]:  # type: ignore[valid-type]
    """Create an empty database for this test; returns its URL and a function that drops it."""
    admin_url = make_url(PG_URL)
    name = f"meldpunt_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # a missing server is a failure, never a skip
        pytest.fail(f"PostgreSQL at {admin_url.render_as_string()} is unreachable: {error}")

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: "os.PathLike[str]") -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/meldpunt.db"
        return
    url, drop = fresh_postgres_database()
    try:
        yield url
    finally:
        drop()


class ManualClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime | None = None) -> None:
        # After the example report came in (09:15 UTC): a report from the future is refused.
        self.now = now or datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


PARTNERS = ("police", "comensha", "local_team", "veilig_thuis", "school", "care_provider")
# Each partner's webhook signing secret in the tests (Standard Webhooks: whsec_ and base64).
WEBHOOK_SECRETS = {
    code: "whsec_" + base64.b64encode(f"webhook secret of {code}".encode()).decode()
    for code in PARTNERS
}


def make_settings(database_url: str, **overrides: object) -> Settings:
    defaults: dict[str, object] = {
        "data_keys": Fernet.generate_key().decode(),
        "subject_key": "subject-key-for-tests-0123456789",
        "retry_backoff_seconds": 0,
        "partner_webhook_secrets": WEBHOOK_SECRETS,
    }
    return Settings(database_url=database_url, **{**defaults, **overrides})  # type: ignore[arg-type]


# The people the integration tests' cases are handed to; the HTTP tests add one user per role.
PEOPLE = (("anna", Role.CASE_DIRECTOR), ("bram", Role.CASE_DIRECTOR), ("teun", Role.TEAM_LEAD))


def with_people(application: App) -> App:
    """The application with the test people among its users (once, however often called)."""
    for name, role in PEOPLE:
        if not application.users.roles_of(name):
            application.users.add(name, role)
    return application


@pytest.fixture
def app(database_url: str) -> Iterator[App]:
    application = bootstrap(make_settings(database_url))
    upgrade(application.engine)
    yield with_people(application)
    application.engine.dispose()


@pytest.fixture
def postgres_app() -> Iterator[App]:
    """The application on a fresh PostgreSQL database only, for what SQLite cannot show
    (concurrent sessions, statements on the wire); a pool big enough for 20 threads."""
    url, drop = fresh_postgres_database()
    application = bootstrap(make_settings(url, db_pool_size=25))
    upgrade(application.engine)
    yield with_people(application)
    application.engine.dispose()
    drop()


REPORT = {
    "received_at": "2026-11-02T10:15:00+01:00",
    "channel": "phone",
    "reporter": {
        "kind": "professional",
        "organisation": "Het Stedelijk Lyceum",
        "name": "J. de Vries",
        "phone": "+31 53 000 0000",
        "email": None,
    },
    "subject": {
        "name": "Fenna Testpersoon",
        "date_of_birth": "2010-03-14",
        "age_estimate": None,
        "sex": "female",
        "municipality": "Enschede",
        "bsn": "111222333",
    },
    "exploitation_forms": ["sexual"],
    "signals": ["runs_away"],  # elevated for a minor: an assessment of high needs no lead
    "description": "free text",
}


_people = itertools.count(random.randrange(10_000_000, 90_000_000))


def unique_bsn() -> str:
    """A fresh BSN that passes the 11-test, so each report is about another person."""
    while True:
        digits = f"{next(_people):08d}"
        # With 0 as the last digit, the 11-test's remainder is the check digit that passes it.
        check = stdnum_bsn.checksum(digits + "0")
        if check < 10:
            return digits + str(check)


def report_data(**subject: object) -> dict[str, object]:
    """The example report about a person of its own (unless `subject` says otherwise)."""
    bsn = unique_bsn()
    # A birth date of its own too (in 2005-2011), as in life: a shared one would make every
    # registration compare names with all the others (the possible-duplicate check).
    born = date(2005, 1, 1) + timedelta(days=int(bsn[:8]) % 2500)
    person = {
        **REPORT["subject"],  # type: ignore[dict-item]
        "name": f"Testpersoon {bsn}",
        "bsn": bsn,
        "date_of_birth": born.isoformat(),
        **subject,
    }
    return {**REPORT, "subject": person}


def new_report(**subject: object) -> Report:
    return Report.parse(report_data(**subject))
