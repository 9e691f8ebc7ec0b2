"""Who may see which case, the assignment handler on fakes, small-cell suppression, and the
access log's chain check: pure functions, no database."""

from datetime import UTC, datetime

import pytest

from adapters.db.access_chain import GENESIS, check_rows, row_hash
from adapters.db.statistics import suppress
from handlers.assignment import assign_case
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
from workflow.access import Action, CaseStanding, Principal, Role, in_scope, may, scope_of
from workflow.commands import AssignCase, RegisterReport
from workflow.errors import ConcurrencyConflict, InvalidInput
from workflow.events import CaseReassigned
from workflow.report import Report
from workflow.transition_data import transition_data

RECEIVED = State.RECEIVED


def facts(
    director: str | None, team: str | None = None, state: State = State.RECEIVED
) -> CaseStanding:
    return CaseStanding("c", state, director, team, None)


@pytest.mark.parametrize(
    ("principal", "case", "seen"),
    [
        (Principal("anna", frozenset({Role.CASE_DIRECTOR}), "noord"), facts("anna"), True),
        (Principal("anna", frozenset({Role.CASE_DIRECTOR}), "noord"), facts("bram", "noord"), True),
        (Principal("anna", frozenset({Role.CASE_DIRECTOR}), "noord"), facts("bram", "zuid"), False),
        (Principal("anna", frozenset({Role.CASE_DIRECTOR}), None), facts("bram", None), False),
        (Principal("anna", frozenset({Role.CASE_DIRECTOR}), "noord"), facts(None), False),
        (Principal("ina", frozenset({Role.INTAKE})), facts(None), True),
        (Principal("ina", frozenset({Role.INTAKE})), facts("anna"), False),
        (
            Principal("cor", frozenset({Role.CARE_COORDINATOR})),
            facts("a", state=State.IN_CASE_DIRECTION),
            True,
        ),
        (
            Principal("cor", frozenset({Role.CARE_COORDINATOR})),
            facts(None, state=State.RECEIVED),
            False,
        ),
        (Principal("tl", frozenset({Role.TEAM_LEAD})), facts("anyone", "any"), True),
        (Principal("an", frozenset({Role.ANALYST})), facts(None), False),
        (Principal("pa", frozenset({Role.PARTNER})), facts(None), False),
        (Principal("ad", frozenset({Role.ADMIN})), facts(None), False),
    ],
)
def test_scope(principal: Principal, case: CaseStanding, seen: bool) -> None:
    assert in_scope(scope_of(principal), case) is seen


def test_several_roles_act_with_the_union_of_their_permissions_and_scopes() -> None:
    both = Principal("ina", frozenset({Role.INTAKE, Role.CARE_COORDINATOR}))
    assert in_scope(scope_of(both), facts(None))  # intake's: not yet handed to a director
    assert in_scope(scope_of(both), facts("a", state=State.IN_CASE_DIRECTION))  # the other's
    assert not in_scope(scope_of(both), facts("a", state=State.RISK_ASSESSED))
    assert may(both.roles, Action.REGISTER_REPORT)  # intake may, a care coordinator not
    assert may(both.roles, Action.MANAGE_CONSENT)  # a care coordinator may, intake not
    assert not may(both.roles, Action.CONFIRM_ASSESSMENT)  # neither may
    assert both.role_label == "care_coordinator+intake"


def test_small_cells_and_the_one_that_would_give_them_away_are_hidden() -> None:
    assert suppress({"a": 10, "b": 7, "c": 2}, 5) == {"a": 10, "b": None, "c": None}
    assert suppress({"a": 10, "b": 3, "c": 2}, 5) == {"a": 10, "b": None, "c": None}
    assert suppress({"a": 10, "b": 7}, 5) == {"a": 10, "b": 7}


def chain(count: int) -> list[dict[str, object]]:
    rows, previous = [], GENESIS
    for n in range(1, count + 1):
        row: dict[str, object] = {
            "id": n, "at": datetime(2026, 11, 2, tzinfo=UTC), "actor": "anna", "role": "team_lead",
            "on_behalf_of": None, "via": "token:x", "client": "127.0.0.1", "action": "read",
            "resource": "case", "case_id": "c", "subject_key": None, "fields": None,
            "purpose": None, "outcome": "ok", "break_glass": False, "reason": None,
            "prev_hash": previous,
        }  # fmt: skip
        row["row_hash"] = previous = row_hash(row)
        rows.append(row)
    return rows


def test_the_chain_check_finds_an_edit_a_gap_and_a_lost_tail() -> None:
    rows = chain(4)
    head = {"last_id": 4, "last_hash": rows[-1]["row_hash"]}
    assert check_rows(rows, head).intact
    edited = [dict(r) for r in rows]
    edited[1]["outcome"] = "refused"
    assert check_rows(edited, head).first_broken_id == 2
    assert check_rows(rows[:2] + rows[3:], head).first_broken_id == 3
    assert check_rows(rows[:3], head).first_broken_id == 4
    assert not check_rows(rows, None).intact


def registered(store: FakeStore) -> str:
    command = RegisterReport(actor="intake", report=Report.parse(REPORT))
    uow = FakeUnitOfWork(store)
    deadlines = deadline_policy()
    return register_report(command, uow, FixedClock(), deadlines, REFERENCE, SUBJECT_KEYS).case_id


def assign(store: FakeStore, case_id: str, director: str, **kw: object) -> object:
    command = AssignCase(actor="tl", case_id=case_id, case_director=director, **kw)  # type: ignore[arg-type]
    return assign_case(command, FakeUnitOfWork(store), FixedClock(), deadline_policy(), PEOPLE)


def test_assignment_records_the_handover_and_its_event() -> None:
    store = FakeStore()
    case_id = registered(store)
    assign(store, case_id, "anna", reason="caseload")
    case = store.cases[case_id]
    assert (case.case_director, case.version, case.state) == ("anna", 2, State.RECEIVED)
    event = store.outbox[-1]
    assert isinstance(event, CaseReassigned)
    assert (event.case_director, event.previous_case_director) == ("anna", None)
    assert store.history[-1][1].data == {
        "case_director": "anna",
        "previous": None,
        "reason": "caseload",
    }


@pytest.mark.parametrize(
    ("director", "kw", "error"),
    [("anna", {}, InvalidInput), ("bram", {"expected_version": 1}, ConcurrencyConflict)],
)
def test_a_refused_assignment_changes_nothing(
    director: str, kw: dict[str, object], error: type
) -> None:
    store = FakeStore()
    case_id = registered(store)
    assign(store, case_id, "anna")
    commits = store.commits
    with pytest.raises(error):
        assign(store, case_id, director, **kw)
    assert store.commits == commits and store.cases[case_id].case_director == "anna"


def test_a_closed_case_gets_no_director() -> None:
    from handlers.cases import fire_trigger
    from workflow.commands import FireTrigger

    store = FakeStore()
    case_id = registered(store)
    close = {"result": "other", "reason": "r"}
    fire_trigger(
        FireTrigger(actor="tl", case_id=case_id, data=transition_data("close", close)),
        FakeUnitOfWork(store), FixedClock(), deadline_policy(), REFERENCE, PEOPLE,
    )  # fmt: skip
    with pytest.raises(TriggerRefused):
        assign(store, case_id, "anna")
