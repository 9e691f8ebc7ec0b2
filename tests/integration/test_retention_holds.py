"""Legal holds, taking cases off a list, erasure requests, and a run killed between batches."""

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from adapters.bootstrap import App
from adapters.db.anonymise import anonymise_cases
from adapters.db.tables import access_log, cases, legal_holds
from tests.conftest import unique_bsn
from tests.integration.helpers import register
from tests.integration.retention_helpers import LATER, approve, closed_case, job, propose, run
from workflow.errors import InvalidInput
from workflow.retention_commands import (
    LiftLegalHold,
    PlaceLegalHold,
    RequestErasure,
    TakeOffDestructionList,
)

LEAD = "teun"


def anonymised(app: App, case_id: str) -> bool:
    with app.engine.connect() as conn:
        row = conn.execute(select(cases.c.anonymised_at).where(cases.c.id == case_id)).one()
    return row.anonymised_at is not None


def test_a_held_case_is_never_listed_nor_anonymised(app: App) -> None:
    held = closed_case(app, "Noor Vastgehouden", unique_bsn())
    hold = PlaceLegalHold(actor=LEAD, case_id=held, reason="strafzaak tegen de pooier loopt nog")
    app.bus.handle(hold)
    with app.engine.connect() as conn:
        row = conn.execute(select(legal_holds).where(legal_holds.c.case_id == held)).one()
        logged = conn.execute(select(access_log.c.actor).where(access_log.c.case_id == held))
        assert LEAD in set(logged.scalars())
    assert propose(app)["listed"] == 0
    assert job(app)["anonymised"] == 0 and not anonymised(app, held)
    assert (row.placed_by, row.lifted_at) == (LEAD, None)
    app.bus.handle(LiftLegalHold(actor=LEAD, case_id=held, reason="strafzaak is afgerond"))
    listed = propose(app)
    assert listed["listed"] == 1


def test_a_hold_placed_after_approval_stops_the_anonymisation(app: App) -> None:
    case_id = closed_case(app, "Mila Laatvastgehouden", unique_bsn())
    approve(app, propose(app)["list_id"])
    app.bus.handle(PlaceLegalHold(actor=LEAD, case_id=case_id, reason="klacht is ingediend"))
    assert run(app) == 0 and not anonymised(app, case_id)


def test_a_case_taken_off_the_list_stays_and_is_listed_again_later(app: App) -> None:
    case_id = closed_case(app, "Eva Afgevoerd", unique_bsn())
    list_id = propose(app)["list_id"]
    take_off = TakeOffDestructionList(
        actor=LEAD, list_id=list_id, case_id=case_id, reason="de politie vraagt het dossier op"
    )
    app.bus.handle(take_off)
    approve(app, list_id)
    assert run(app) == 0 and not anonymised(app, case_id)
    assert propose(app)["listed"] == 1


def erasure_refusal(app: App, case_id: str) -> str:
    ask = RequestErasure(actor=LEAD, case_id=case_id, reason="verzoek van betrokkene zelf")
    with pytest.raises(InvalidInput) as refused:
        app.bus.handle(ask)
    [(field, why)] = refused.value.problems
    assert field == "case_id"
    return str(why)


def test_erasure_is_refused_with_the_reason(app: App) -> None:
    open_case = register(app).case_id
    assert "still open" in erasure_refusal(app, open_case)
    police = {"result": "referred_to_police", "reason": "aangifte gedaan bij de politie"}
    kept = closed_case(app, "Roos Politiezaak", unique_bsn(), police)
    assert "police_referral" in erasure_refusal(app, kept)
    held = closed_case(app, "Lina Bewaarplicht", unique_bsn())
    app.bus.handle(PlaceLegalHold(actor=LEAD, case_id=held, reason="verzoek van de politie"))
    assert "legal hold" in erasure_refusal(app, held)


def test_erasure_goes_the_same_approval_path(app: App) -> None:
    case_id = closed_case(app, "Julia Gewist", unique_bsn())
    ask = RequestErasure(actor=LEAD, case_id=case_id, reason="verzoek van betrokkene zelf")
    list_id = app.bus.handle(ask)
    now = LATER - timedelta(days=365 * 29)  # long before its archive action date
    assert run(app, now) == 0  # not approved yet
    approve(app, list_id)
    assert run(app, now) == 1 and anonymised(app, case_id)


def test_a_run_killed_between_batches_leaves_each_case_whole(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [closed_case(app, f"Persoon Batch{n}", unique_bsn()) for n in range(3)]
    approve(app, propose(app)["list_id"])
    calls = {"n": 0}

    def dies_on_second(*args: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            anonymise_cases(*args)  # the work is done, then the process dies before COMMIT
            raise RuntimeError("killed")
        anonymise_cases(*args)

    monkeypatch.setattr("adapters.db.retention_store.anonymise_cases", dies_on_second)
    with pytest.raises(RuntimeError):
        run(app, size=1)
    done = [c for c in ids if anonymised(app, c)]
    assert len(done) == 1  # the first batch committed, the second rolled back whole
    with app.engine.connect() as conn:
        for case_id in set(ids) - set(done):
            keys = conn.execute(select(cases.c.subject_key).where(cases.c.id == case_id))
            assert keys.scalar_one() is not None  # untouched, not half done
    monkeypatch.undo()
    assert run(app, size=1) == 2
    assert all(anonymised(app, c) for c in ids)
