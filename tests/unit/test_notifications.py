"""Event handlers that notify people: who hears what, and when nobody should."""

from datetime import UTC, datetime

import pytest

from handlers import notifications as handlers
from states import RiskLevel, State
from tests.unit.fakes import FakeStore, FakeUnitOfWork, FixedClock
from workflow import events as ev
from workflow.case import Case

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 2, 9, 5, tzinfo=UTC)
BASE = {"case_id": "c-1", "occurred_at": AT, "actor": "anna"}


def store_with_case(director: str | None) -> FakeStore:
    store = FakeStore()
    store.cases["c-1"] = Case(
        id="c-1",
        state=State.IN_CASE_DIRECTION,
        version=4,
        received_at=AT,
        municipality="Enschede",
        risk_level=RiskLevel.HIGH,
        case_director=director,
    )
    return store


def run(handler: object, event: ev.Event, store: FakeStore | None = None) -> FakeStore:
    store = store or FakeStore()
    with FakeUnitOfWork(store) as uow:
        handler(event, uow, FixedClock(NOW))  # type: ignore[operator]
        uow.commit()
    return store


def test_a_new_report_is_announced_to_intake() -> None:
    event = ev.ReportReceived(**BASE, channel="phone")
    [n] = run(handlers.notify_intake_of_new_report, event).notifications
    assert (n.recipient, n.kind, n.case_id, n.event_id, n.created_at) == (
        "role:intake",
        "new_report",
        "c-1",
        str(event.event_id),
        NOW,
    )


@pytest.mark.parametrize("at_intake", [True, False])
def test_acute_risk_alerts_the_team_lead(at_intake: bool) -> None:
    event = ev.AcuteRiskDetected(**BASE, municipality="Enschede", at_intake=at_intake)
    [n] = run(handlers.alert_team_lead_on_acute_risk, event).notifications
    assert (n.recipient, n.kind, n.event_id) == (
        "role:team_lead",
        "acute_risk",
        str(event.event_id),
    )


def test_an_assessment_below_its_suggestion_asks_the_team_lead_to_confirm() -> None:
    event = ev.AssessmentAwaitingConfirmation(
        **BASE, level=RiskLevel.ELEVATED, suggested_level=RiskLevel.ACUTE
    )
    [n] = run(handlers.ask_team_lead_to_confirm, event).notifications
    assert (n.recipient, n.kind) == ("role:team_lead", "assessment_to_confirm")


@pytest.mark.parametrize(
    ("event", "kind"),
    [
        (
            ev.CaseDirectionStarted(**BASE, case_director="old", from_state=State.ADVISED),
            "case_assigned",
        ),
        (ev.CaseEscalated(**BASE, case_director="old"), "case_escalated"),
        (ev.CaseReopened(**BASE, case_director="old"), "case_reopened"),
    ],
)
def test_the_current_case_director_is_told(event: ev.Event, kind: str) -> None:
    [n] = run(handlers.notify_case_director, event, store_with_case("bram")).notifications
    # The event may be late: the director on the case now is the one who hears it.
    assert (n.recipient, n.kind, n.event_id) == ("bram", kind, str(event.event_id))


def test_a_case_without_director_is_flagged_to_the_team_lead() -> None:
    event = ev.CaseReopened(**BASE, case_director=None)
    [n] = run(handlers.notify_case_director, event, store_with_case(None)).notifications
    assert (n.recipient, n.kind) == ("role:team_lead", "no_case_director")


def test_notifying_changes_no_case() -> None:
    store = store_with_case("bram")
    run(handlers.notify_case_director, ev.CaseEscalated(**BASE, case_director="bram"), store)
    assert store.history == [] and store.outbox == [] and store.cases["c-1"].version == 4
