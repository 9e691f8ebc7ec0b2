"""The command handlers on fakes: what is committed, and what a conflict leaves behind."""

import pytest

from handlers.cases import fire_trigger
from handlers.intake import register_report
from states import State, TriggerRefused
from tests.conftest import REPORT
from tests.unit.fakes import (
    REFERENCE,
    SUBJECT_KEYS,
    FakeStore,
    FakeUnitOfWork,
    FixedClock,
    deadline_policy,
)
from workflow.commands import FireTrigger, RegisterReport
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
        fire_trigger(command, FakeUnitOfWork(store), FixedClock(), DEADLINES, REFERENCE)
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
