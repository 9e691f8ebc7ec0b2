"""Data at rest: names, BSN and free text of a report never reach the database in clear."""

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from adapters.bootstrap import App
from tests.conftest import REPORT
from tests.integration.helpers import ASSESS_HIGH, START, fire, register
from workflow.report import Report

RATIONALE = "loopt elke vrijdag weg naar een oudere vriend"
PLAN = "gesprek met moeder en mentor plannen"
SECRETS = ["Fenna", "Testpersoon", "111222333", "J. de Vries", RATIONALE, PLAN]


def every_row_as_text(app: App) -> str:
    """A raw dump of every table in the database (SELECT *), bytes included."""
    parts: list[str] = []
    with app.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        parts.append(bytes(value).decode("latin-1"))
                    else:
                        parts.append(str(value))
    return "\n".join(parts)


def registered_and_advanced(app: App) -> str:
    ref = register(app, Report.parse(REPORT))  # the example, with the secrets listed above
    fire(app, ref.case_id, "assess_risk", {**ASSESS_HIGH, "rationale": RATIONALE})
    fire(app, ref.case_id, "start_case_direction", {**START, "plan": PLAN})
    app.dispatcher.drain()
    return ref.case_id


def test_no_table_holds_identifying_data_or_free_text_in_clear(app: App) -> None:
    case_id = registered_and_advanced(app)
    dump = every_row_as_text(app)
    assert case_id in dump and "Enschede" in dump  # the dump does see the rows
    for secret in SECRETS:
        assert secret not in dump, f"{secret!r} is stored in clear"


def test_the_decrypted_views_still_show_the_free_text(app: App) -> None:
    case_id = registered_and_advanced(app)
    history = app.queries.detail(case_id)["history"]
    assert history[1]["data"]["rationale"] == RATIONALE
    assert history[2]["data"]["plan"] == PLAN


def test_the_sqlite_file_holds_none_of_it_either(app: App, database_url: str) -> None:
    if app.engine.dialect.name != "sqlite":
        return  # the PostgreSQL rows are checked above; its files are the server's
    registered_and_advanced(app)
    app.engine.dispose()
    database = Path(make_url(database_url).database or "")
    with closing(sqlite3.connect(database)) as conn:  # fold the WAL into the file
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
    raw = b"".join(p.read_bytes() for p in files)
    assert b"Enschede" in raw
    for secret in SECRETS:
        assert secret.encode() not in raw, f"{secret!r} is in the database file in clear"
