"""One command, one transaction: everything a unit of work wrote goes through the one writer
(adapters/db/commit.py) inside one transaction, all of it or none of it, on both databases."""

from typing import Any

import pytest
from sqlalchemy import event, select

from adapters.bootstrap import App
from adapters.db.commit import CaseSave, Changes, write
from adapters.db.tables import case_history, cases, outbox
from tests.integration.helpers import ASSESS_ACUTE, register
from workflow.commands import FireTrigger
from workflow.errors import ConcurrencyConflict
from workflow.transition_data import transition_data


def test_a_transition_is_one_transaction_with_all_its_rows(app: App) -> None:
    ref = register(app)
    fire = FireTrigger(
        actor="anna", case_id=ref.case_id, data=transition_data("assess_risk", ASSESS_ACUTE)
    )
    seen: list[str] = []

    def on(name: str) -> Any:
        return lambda *_: seen.append(name)

    listeners = [("begin", on("begin")), ("commit", on("commit")), ("rollback", on("rollback"))]
    for name, listener in listeners:
        event.listen(app.engine, name, listener)
    try:
        app.bus.handle(fire)
    finally:
        for name, listener in listeners:
            event.remove(app.engine, name, listener)

    assert seen == ["begin", "commit"]
    with app.engine.connect() as conn:
        history = conn.execute(select(case_history.c.trigger).where(case_history.c.seq == 2))
        assert history.scalars().all() == ["assess_risk"]
        kinds = conn.execute(select(outbox.c.event_type).where(outbox.c.case_id == ref.case_id))
        assert set(kinds.scalars()) == {"ReportReceived", "RiskAssessed", "AcuteRiskDetected"}


def test_a_stale_save_writes_nothing_of_the_commit(app: App) -> None:
    """Two saves, the second one stale: the conflict undoes the save that went before it."""
    first, second = register(app), register(app)
    changes = Changes()
    changes.saves.append(CaseSave(first.case_id, first.version, {"case_director": "bob"}))
    changes.saves.append(CaseSave(second.case_id, 99, {"case_director": "bob"}))  # stale

    with app.engine.connect() as conn, pytest.raises(ConcurrencyConflict), conn.begin():
        write(conn, changes)

    with app.engine.connect() as conn:
        directors = conn.execute(select(cases.c.case_director)).scalars().all()
    assert directors == [None, None]
