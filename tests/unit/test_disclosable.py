"""What a partner is told is read as of its event: the event's version picks the state and the
scale-down it saw, even when the case has moved on since (against the fake repository, whose
answers must match the SQL one's)."""

from datetime import UTC, datetime
from typing import Any

from handlers.disclosable import Disclosable
from tests.conftest import REPORT
from tests.unit.fakes import FakeUnitOfWork
from workflow import events as ev
from workflow.case import Case
from workflow.report import Report
from workflow.transition_data import transition_data

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
COURSE: list[tuple[str, dict[str, Any]]] = [
    ("assess_risk", {"level": "high", "indicators": [], "rationale": "r"}),
    ("start_case_direction", {"case_director": "anna", "plan": "p"}),
    ("scale_down", {"local_team": "Wijkteam Zuid", "handover": "aan Zuid"}),
    ("escalate", {"reason": "signalen"}),
    ("scale_down", {"local_team": "Wijkteam Noord", "handover": "aan Noord"}),
    ("close", {"result": "handed_over_locally", "reason": "goed"}),
    ("reopen", {"reason": "opnieuw"}),
]


def committed_course() -> tuple[FakeUnitOfWork, list[ev.Event]]:
    report = Report.parse(REPORT)
    case = Case.register(report, "intake", AT)
    for trigger, data in COURSE:
        case.fire(transition_data(trigger, data), "anna", AT)
    uow = FakeUnitOfWork()
    with uow:
        uow.cases.add(case, report)
        uow.commit()
    return uow, uow.store.outbox


def told(uow: FakeUnitOfWork, event: ev.Event, field: str) -> Any:
    with uow:
        return Disclosable(event, uow, "https://meldpunt.example").get(field)


def test_each_scale_down_is_told_with_its_own_team_and_handover() -> None:
    uow, events = committed_course()
    downs = [e for e in events if isinstance(e, ev.CaseScaledDown)]
    assert [told(uow, e, "handover") for e in downs] == ["aan Zuid", "aan Noord"]
    assert [told(uow, e, "local_team") for e in downs] == ["Wijkteam Zuid", "Wijkteam Noord"]


def test_the_state_is_the_one_the_event_saw_not_the_current_one() -> None:
    uow, events = committed_course()
    [closed] = [e for e in events if isinstance(e, ev.CaseClosed)]
    assert told(uow, closed, "state") == "closed"
    assert uow.store.cases[closed.case_id].state == "in_case_direction"


def test_before_any_scale_down_there_is_no_handover_to_tell() -> None:
    uow, events = committed_course()
    [started] = [e for e in events if isinstance(e, ev.CaseDirectionStarted)]
    assert told(uow, started, "handover") is None
