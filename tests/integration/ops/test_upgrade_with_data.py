"""An upgrade from the previous release's schema keeps the data. The database is brought to
revision 0010 (the schema of the release before notifications had details and people several
roles) with cases, their history, reports, the outbox, the access log, notifications and users
in it; `upgrade` then takes it to head on SQLite and PostgreSQL, every row and value is still
there (moved where a migration moves it) and the application reads the cases as before."""

import json
from typing import Any

from sqlalchemy import Engine, MetaData, select

from adapters.bootstrap import App
from adapters.db.migrate import current, downgrade, head, upgrade
from tests.conftest import new_report
from tests.integration.test_smoke_lifecycle import PATH
from workflow.access import AccessEntry
from workflow.commands import FireTrigger, RegisterReport
from workflow.transition_data import transition_data

PREVIOUS = "0010"
KEPT = ("cases", "case_history", "reports", "outbox", "access_log", "handled_messages")


def rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, in primary-key order, as plain values."""
    metadata = MetaData()
    metadata.reflect(engine)
    found = {}
    with engine.connect() as conn:
        for name, table in metadata.tables.items():
            if name == "alembic_version":
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            found[name] = [dict(r) for r in conn.execute(select(table).order_by(*order)).mappings()]
    return found


def test_an_upgrade_from_the_previous_release_keeps_every_row(app: App) -> None:
    case_ids = []
    for _ in range(3):
        ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))
        for trigger, data in PATH[:3]:
            ref = app.bus.handle(
                FireTrigger(actor="anna", case_id=ref.case_id, data=transition_data(trigger, data))
            )
        case_ids.append(ref.case_id)
        entry = AccessEntry("anna", "case_director", "cli", "read", "case", "ok", ref.case_id)
        app.access_log.record([entry])
    app.dispatcher.drain()  # notifications, handled messages
    expected = {case_id: app.queries.detail(case_id) for case_id in case_ids}

    downgrade(app.engine, PREVIOUS)
    assert current(app.engine) == PREVIOUS
    before = rows(app.engine)
    assert before["notifications"] and [n for n in KEPT if not before[n]] == []

    assert upgrade(app.engine) == (PREVIOUS, head())
    after = rows(app.engine)

    for name in KEPT:
        assert len(after[name]) == len(before[name]), name
        for old, new in zip(before[name], after[name], strict=True):
            assert {k: v for k, v in new.items() if k in old} == old, name
    # 0011: a notification's sentence is kept as its details' text.
    assert [json.loads(n["details"]) for n in after["notifications"]] == [
        {"text": n["message"]} for n in before["notifications"]
    ]
    assert [n["id"] for n in after["notifications"]] == [n["id"] for n in before["notifications"]]
    # 0012: each person's role is now a row of their roles.
    assert sorted((u["id"], u["role"]) for u in before["users"]) == sorted(
        (r["user_id"], r["role"]) for r in after["user_roles"]
    )
    assert [u["name"] for u in after["users"]] == [u["name"] for u in before["users"]]
    # The application reads every case as it did, its encrypted fields and history included.
    for case_id, detail in expected.items():
        assert app.queries.detail(case_id) == detail
    assert upgrade(app.engine) == (head(), head())  # and a second run does nothing
