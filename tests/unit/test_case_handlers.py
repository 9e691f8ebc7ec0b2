"""The command handlers on fakes: what is committed, and what a conflict leaves behind."""

from datetime import UTC, datetime

import pytest

from handlers.cases import fire_trigger, record_follow_up
from handlers.intake import register_report
from states import State, TriggerRefused
from tests.conftest import REPORT
from tests.unit.fakes import (
    PEOPLE,
    REFERENCE,
    SUBJECT_KEYS,
    FakeStore,
    FakeUnitOfWork,
    FixedClock,
    deadline_policy,
)
from workflow.activity_data import FollowUpData
from workflow.commands import FireTrigger, RecordFollowUp, RegisterReport
from workflow.errors import ConcurrencyConflict, InvalidInput
from workflow.report import Report
from workflow.transition_data import transition_data

DEADLINES = deadline_policy()
ASSESS = {"level": "high", "indicators": ["runs_away"], "rationale": "r"}


def register(store: FakeStore, report: dict[str, object] = REPORT) -> str:
    command = RegisterReport(actor="intake", report=Report.parse(report))
    uow = FakeUnitOfWork(store)
    return register_report(command, uow, FixedClock(), DEADLINES, REFERENCE, SUBJECT_KEYS).case_id


def fire(case_id: str, trigger: str, data: dict[str, object], **kw: object) -> FireTrigger:
    return FireTrigger(actor="anna", case_id=case_id, data=transition_data(trigger, data), **kw)  # type: ignore[arg-type]


def test_register_commits_the_case_its_report_history_and_event() -> None:
    store = FakeStore()
    case_id = register(store)
    assert store.cases[case_id].state is State.RECEIVED
    assert store.reports[case_id].subject.name == "Fenna Testpersoon"
    assert [e.seq for _, e in store.history] == [1]
    assert len(store.outbox) == 1


def test_fire_commits_the_move() -> None:
    store = FakeStore()
    case_id = register(store)
    ref = fire_trigger(
        fire(case_id, "assess_risk", ASSESS),
        FakeUnitOfWork(store),
        FixedClock(),
        DEADLINES,
        REFERENCE,
        PEOPLE,
    )
    assert (ref.state, ref.version) == (State.RISK_ASSESSED, 2)
    assert store.cases[case_id].version == 2
    assert [e.seq for _, e in store.history] == [1, 2]


@pytest.mark.parametrize(
    ("command_kw", "error"),
    [
        ({"trigger": "assess_risk", "data": ASSESS, "expected_version": 7}, ConcurrencyConflict),
        ({"trigger": "close", "data": {}}, InvalidInput),
        ({"trigger": "reopen", "data": {"reason": "r"}}, TriggerRefused),
    ],
)
def test_a_failed_command_commits_nothing(command_kw: dict[str, object], error: type) -> None:
    store = FakeStore()
    case_id = register(store)
    with pytest.raises(error):
        command = fire(case_id, **command_kw)  # type: ignore[arg-type]
        fire_trigger(command, FakeUnitOfWork(store), FixedClock(), DEADLINES, REFERENCE, PEOPLE)
    assert store.commits == 1
    assert store.cases[case_id].version == 1 and len(store.history) == 1


def test_the_conflict_names_the_case_and_the_version_the_caller_expected() -> None:
    store = FakeStore()
    case_id = register(store)
    with pytest.raises(ConcurrencyConflict) as conflict:
        fire_trigger(
            fire(case_id, "assess_risk", ASSESS, expected_version=3),
            FakeUnitOfWork(store),
            FixedClock(),
            DEADLINES,
            REFERENCE,
            PEOPLE,
        )
    assert conflict.value.case_id == case_id and conflict.value.expected_version == 3
    assert "changed by someone else" in str(conflict.value)


def test_the_same_person_reported_again_is_linked_and_held_at_high() -> None:
    store = FakeStore()
    first = register(store)
    again = register(store)
    case = store.cases[again]
    assert [link.linked_case_id for link in store.links if link.case_id == again] == [first]
    assert case.risk_floor is not None and case.risk_floor.value == "high"
    assert [type(e).__name__ for e in store.outbox[-2:]] == [
        "ReportReceived",
        "RevictimisationRiskFlagged",
    ]


def test_a_report_the_reference_data_does_not_know_is_refused_and_nothing_is_kept() -> None:
    store = FakeStore()
    unknown = {**REPORT, "subject": {**REPORT["subject"], "municipality": "Utrecht"}}  # type: ignore[dict-item]
    with pytest.raises(InvalidInput) as refused:
        register(store, unknown)
    assert [f for f, _ in refused.value.problems] == ["subject.municipality"]
    assert store.commits == 0 and store.cases == {}


@pytest.mark.parametrize(
    ("director", "reason"),
    [("ghost", "no user 'ghost'"), ("iris", "'iris' has the role intake")],
)
def test_a_case_is_directed_only_by_a_user_who_directs_cases(director: str, reason: str) -> None:
    store = FakeStore()
    case_id = register(store)
    uow = FakeUnitOfWork(store)
    fire_trigger(
        fire(case_id, "assess_risk", ASSESS), uow, FixedClock(), DEADLINES, REFERENCE, PEOPLE
    )
    start = fire(case_id, "start_case_direction", {"case_director": director, "plan": "p"})
    with pytest.raises(InvalidInput) as refused:
        fire_trigger(start, FakeUnitOfWork(store), FixedClock(), DEADLINES, REFERENCE, PEOPLE)
    assert refused.value.problems == [
        ("case_director", pytest.approx(refused.value.problems[0][1]))
    ]
    assert reason in refused.value.problems[0][1]
    assert store.cases[case_id].case_director is None


def test_feedback_to_the_reporter_clears_its_deadline() -> None:
    store = FakeStore()
    case_id = register(store)
    assert store.cases[case_id].alerts.feedback_due_at is not None
    uow = FakeUnitOfWork(store)
    fire_trigger(
        fire(case_id, "assess_risk", ASSESS), uow, FixedClock(), DEADLINES, REFERENCE, PEOPLE
    )
    advice = {"advice": "talk to the mentor", "advised_party": "reporter"}
    fire_trigger(
        fire(case_id, "advise", advice),
        FakeUnitOfWork(store),
        FixedClock(),
        DEADLINES,
        REFERENCE,
        PEOPLE,
    )
    alerts = store.cases[case_id].alerts
    assert (alerts.feedback_due_at, alerts.feedback_alert_at) == (None, None)


def scaled_down(store: FakeStore, clock: FixedClock) -> str:
    case_id = register(store)
    moves = [
        ("assess_risk", ASSESS),
        ("start_case_direction", {"case_director": "anna", "plan": "p"}),
        ("scale_down", {"local_team": "Wijkteam", "handover": "warm"}),
    ]
    for trigger, data in moves:
        command = fire(case_id, trigger, data)
        fire_trigger(command, FakeUnitOfWork(store), clock, DEADLINES, REFERENCE, PEOPLE)
    return case_id


def follow_up(store: FakeStore, case_id: str, clock: FixedClock, **data: str) -> None:
    command = RecordFollowUp(
        actor="anna", case_id=case_id, follow_up=FollowUpData(outcome="fine", **data)
    )
    record_follow_up(command, FakeUnitOfWork(store), clock, DEADLINES)


def test_a_follow_up_long_before_its_day_or_beyond_the_plan_needs_a_reason() -> None:
    store, clock = FakeStore(), FixedClock()
    case_id = scaled_down(store, clock)  # Monday 2 November: check-ins 2 Dec, 2 Feb, 3 May
    with pytest.raises(InvalidInput) as early:
        follow_up(store, case_id, clock)
    assert [f for f, _ in early.value.problems] == ["reason"]
    assert store.cases[case_id].follow_ups_done == 0
    follow_up(store, case_id, clock, reason="the team called about new worries")
    clock.now = datetime(2026, 11, 27, 9, tzinfo=UTC)  # the week before 2 February: too early
    with pytest.raises(InvalidInput):
        follow_up(store, case_id, clock)
    clock.now = datetime(2027, 1, 28, 9, tzinfo=UTC)  # 3 working days before: fine
    follow_up(store, case_id, clock)
    clock.now = datetime(2027, 5, 3, 9, tzinfo=UTC)
    follow_up(store, case_id, clock)
    with pytest.raises(InvalidInput, match="3 planned follow-ups are done"):
        follow_up(store, case_id, clock)
    assert store.cases[case_id].follow_ups_done == 3
