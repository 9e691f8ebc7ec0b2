"""Risk from the report, on SQLite and PostgreSQL: the report's signals suggest a level at once;
an acute suggestion makes the case acute before anyone assesses it (due the same working day,
the team lead and the police told, first in every list); the assessor starts from the report's
signals and says why one is dropped; a level below a high or acute suggestion waits for a team
lead; a reassessment is possible in any later state."""

from datetime import UTC, datetime

import pytest

from adapters.bootstrap import App
from adapters.db.case_queries import CaseFilter
from states import State
from tests.conftest import new_report
from tests.integration.helpers import fire, notifications_for, register
from workflow.access import Scope
from workflow.commands import ConfirmAssessment
from workflow.errors import InvalidInput
from workflow.report import Report

ACUTE_SIGNALS = ["runs_away", "older_boyfriend"]  # with a minor: acute (a rule of the instrument)


def acute_report(app: App) -> str:
    return register(app, minor(ACUTE_SIGNALS)).case_id


def minor(signals: list[str]) -> Report:
    """A report about a 14-year-old (the test people's birth dates span 15 to 21 years)."""
    report = new_report(date_of_birth="2012-05-01")
    return report.model_copy(update={"signals": signals})


def test_the_report_suggests_a_level_at_once(app: App) -> None:
    ref = register(app, minor(["runs_away"]))
    detail = app.queries.detail(ref.case_id)
    assert detail["suggested_risk_level"] == "elevated" and detail["risk_level"] is None
    suggestion = detail["history"][0]["data"]["suggestion"]
    assert (suggestion["suggested_level"], suggestion["minor_raised"]) == ("elevated", True)


def test_an_acute_suggestion_makes_the_case_acute_at_once(app: App) -> None:
    calm = register(app).case_id
    case_id = acute_report(app)
    detail = app.queries.detail(case_id)
    assert detail["suggested_risk_level"] == "acute" and detail["urgent"] is True
    # Reported on Monday 2 November at 10:15: the assessment is due the same working day.
    due = datetime.fromisoformat(detail["deadline_at"])
    assert (detail["deadline_kind"], due) == ("assessment", datetime(2026, 11, 2, 23, tzinfo=UTC))
    app.dispatcher.drain()
    assert "acute_risk" in [n["kind"] for n in notifications_for(app, "role:team_lead")]
    police = [d for d in app.queries.detail(case_id)["disclosures"] if d["partner"] == "police"]
    assert [d["event_type"] for d in police] == ["AcuteRiskDetected"]
    listed, _ = app.queries.page(Scope(everything=True), CaseFilter(), app.clock(), 10, 0)
    assert [c["case_id"] for c in listed][:2] == [case_id, calm]  # first, though reported later


def test_a_reported_signal_left_out_needs_a_reason(app: App) -> None:
    case_id = acute_report(app)
    kept = {"level": "acute", "indicators": ["runs_away"], "rationale": "r"}
    with pytest.raises(InvalidInput) as refused:
        fire(app, case_id, "assess_risk", kept)
    assert [f for f, _ in refused.value.problems] == ["dropped.older_boyfriend"]
    why = {"older_boyfriend": "the 'boyfriend' is a classmate of her own age"}
    fire(app, case_id, "assess_risk", {**kept, "dropped": why})
    assessment = app.queries.last_assessment(case_id)
    assert assessment is not None and assessment["dropped"] == why
    assert assessment["suggested_level_with_dropped"] == "acute"


def test_lowering_an_acute_suggestion_waits_for_a_team_lead(app: App) -> None:
    case_id = acute_report(app)
    lower = {"level": "elevated", "indicators": ACUTE_SIGNALS, "rationale": "known situation"}
    ref = fire(app, case_id, "assess_risk", lower)
    assert (ref.state, ref.awaiting_confirmation) == (State.RECEIVED, True)
    assert app.queries.last_assessment(case_id) is None  # not in effect yet
    app.dispatcher.drain()
    assert "assessment_to_confirm" in [n["kind"] for n in notifications_for(app, "role:team_lead")]

    with pytest.raises(InvalidInput, match="second person"):  # the assessor cannot confirm
        app.bus.handle(ConfirmAssessment(actor="anna", case_id=case_id, confirm=True))
    confirmed = app.bus.handle(ConfirmAssessment(actor="teun", case_id=case_id, confirm=True))

    assert (confirmed.state, confirmed.awaiting_confirmation) == (State.RISK_ASSESSED, False)
    entry = app.queries.detail(case_id)["history"][-1]
    assert (entry["trigger"], entry["actor"], entry["data"]["confirmed_by"]) == (
        "assess_risk",
        "anna",
        "teun",
    )
    assert app.queries.detail(case_id)["risk_level"] == "elevated"


def test_a_rejected_assessment_lapses_and_changes_no_level(app: App) -> None:
    case_id = acute_report(app)
    lower = {"level": "low", "indicators": ACUTE_SIGNALS, "rationale": "r"}
    fire(app, case_id, "assess_risk", lower)
    app.bus.handle(ConfirmAssessment(actor="teun", case_id=case_id, confirm=False, reason="no"))
    detail = app.queries.detail(case_id)
    assert (detail["state"], detail["risk_level"], detail["awaiting_confirmation"]) == (
        "received",
        None,
        False,
    )
    with pytest.raises(InvalidInput, match="no assessment to confirm"):
        app.bus.handle(ConfirmAssessment(actor="teun", case_id=case_id, confirm=True))


def test_a_reassessment_keeps_the_state_and_its_clock(app: App) -> None:
    case_id = register(app, minor(["runs_away"])).case_id
    fire(
        app,
        case_id,
        "assess_risk",
        {"level": "high", "indicators": ["runs_away"], "rationale": "r"},
    )
    before = app.queries.detail(case_id)
    again = {"level": "acute", "indicators": ACUTE_SIGNALS, "rationale": "new signals"}
    ref = fire(app, case_id, "reassess_risk", again)
    after = app.queries.detail(case_id)
    assert (ref.state, after["risk_level"], after["urgent"]) == (State.RISK_ASSESSED, "acute", True)
    assert after["deadline_at"] == before["deadline_at"]  # the state's clock did not restart
    assert after["history"][-1]["trigger"] == "reassess_risk"
    with pytest.raises(InvalidInput):  # a new signal left out without a reason, as at first
        fire(app, case_id, "reassess_risk", {"level": "acute", "indicators": [], "rationale": "r"})
