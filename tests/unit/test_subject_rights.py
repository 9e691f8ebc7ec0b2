"""The data subject's rights in the domain, on fakes: how a person is named, the privacy officer's
permissions, a restricted case outside every scope but the team lead's, the correction handler
(the old value on the timeline, a bad value changing nothing), restricting and lifting."""

from datetime import date

import pytest

from handlers.intake import register_report
from handlers.subject_rights import correct_report_field, lift_case_restriction, restrict_case
from states import State
from tests.conftest import REPORT
from tests.unit.fakes import (
    REFERENCE,
    SUBJECT_KEYS,
    FakeStore,
    FakeUnitOfWork,
    FixedClock,
    deadline_policy,
)
from workflow.access import (
    CASE_ACTIONS,
    Action,
    CaseStanding,
    Principal,
    Role,
    in_scope,
    may,
    may_open_restricted,
    scope_of,
)
from workflow.commands import RegisterReport
from workflow.correction import typed_value
from workflow.errors import InvalidInput
from workflow.person import PersonNamed, person_named
from workflow.rights_commands import CorrectReport, LiftRestriction, RestrictCase

WHY = "the person called with the right name"
OFFICER = frozenset({Role.PRIVACY_OFFICER})


def _fields(error: pytest.ExceptionInfo[InvalidInput]) -> set[str]:
    return {field for field, _ in error.value.problems}


def test_a_person_is_named_in_exactly_one_way() -> None:
    assert person_named(bsn=" 111.222.333 ") == PersonNamed(bsn="111222333")
    born = date(2010, 3, 14)
    assert person_named(name="Fenna", date_of_birth=born) == PersonNamed(None, "Fenna", born)
    assert person_named(case_id="c-1") == PersonNamed(case_id="c-1")
    for given, fields in [
        ({}, {"bsn", "name", "case_id"}),
        ({"bsn": "111222333", "case_id": "c"}, {"bsn", "case_id"}),
        ({"name": "Fenna"}, {"date_of_birth"}),
        ({"date_of_birth": born}, {"name"}),
        ({"bsn": "111222334"}, {"bsn"}),
        ({"bsn": "  ", "name": " "}, {"bsn", "name", "case_id"}),
    ]:
        with pytest.raises(InvalidInput) as refused:
            person_named(**given)  # type: ignore[arg-type]
        assert _fields(refused) == fields, given


def test_the_privacy_officer_does_the_rights_work_and_none_of_the_case_work() -> None:
    rights = {Action.SUBJECT_ACCESS_REPORT, Action.CORRECT_REPORT, Action.RESTRICT_CASE}
    assert {a for a in Action if may(OFFICER, a)} == rights | {Action.READ_SELF}
    assert not any(may(OFFICER, a) for a in CASE_ACTIONS)
    assert all(may(frozenset({Role.TEAM_LEAD}), a) for a in rights)


def test_a_restricted_case_is_outside_every_scope_but_the_team_leads() -> None:
    mine = CaseStanding("c", State.IN_CASE_DIRECTION, "anna", "noord", None, restricted=True)
    anna = Principal("anna", frozenset({Role.CASE_DIRECTOR}), "noord")
    lead = Principal("teun", frozenset({Role.TEAM_LEAD}))
    assert not in_scope(scope_of(anna), mine)
    assert in_scope(scope_of(lead), mine)
    assert not may_open_restricted(anna.roles, Action.READ_CASE)
    assert may_open_restricted(lead.roles, Action.READ_CASE)
    assert may_open_restricted(OFFICER, Action.CORRECT_REPORT)
    assert not may_open_restricted(OFFICER, Action.READ_CASE)


def test_a_value_typed_on_a_command_line_is_text_or_json_by_its_field() -> None:
    assert typed_value("subject.name", "Fenna") == "Fenna"
    assert typed_value("subject.name", " ") is None  # clears it
    assert typed_value("subject.age_estimate", "15") == 15
    assert typed_value("exploitation_forms", '["labour"]') == ["labour"]
    with pytest.raises(InvalidInput) as not_json:
        typed_value("subject.age_estimate", "vijftien")
    assert _fields(not_json) == {"value"}
    with pytest.raises(InvalidInput) as unknown:
        typed_value("signals", "[]")
    assert _fields(unknown) == {"field"}


def _registered() -> tuple[FakeStore, str]:
    store = FakeStore()
    ref = register_report(
        RegisterReport(actor="intake", report=REPORT),
        FakeUnitOfWork(store),
        FixedClock(),
        deadline_policy(),
        REFERENCE,
        SUBJECT_KEYS,
    )
    return store, ref.case_id


def _correct(store: FakeStore, case_id: str, field: str, value: object) -> None:
    command = CorrectReport(actor="pia", case_id=case_id, field=field, value=value, reason=WHY)
    correct_report_field(
        command, FakeUnitOfWork(store), FixedClock(), deadline_policy(), REFERENCE, SUBJECT_KEYS
    )


def test_a_correction_keeps_the_old_value_on_the_timeline_and_rekeys_the_person() -> None:
    store, case_id = _registered()
    old_key = store.cases[case_id].identity
    _correct(store, case_id, "subject.bsn", "123456782")
    assert store.reports[case_id].subject.bsn == "123456782"
    [(_, entry)] = [(c, e) for c, e in store.history if e.trigger == "correct_report"]
    assert (entry.actor, entry.data["old"], entry.data["reason"]) == ("pia", "111222333", WHY)
    assert store.cases[case_id].identity != old_key
    assert store.cases[case_id].version == entry.seq


def test_a_bad_value_changes_nothing() -> None:
    store, case_id = _registered()
    before = (store.reports[case_id], len(store.history), store.commits)
    with pytest.raises(InvalidInput) as refused:
        _correct(store, case_id, "subject.municipality", "Atlantis")
    assert _fields(refused) == {"subject.municipality"}
    assert (store.reports[case_id], len(store.history), store.commits) == before


def test_restricting_and_lifting_are_on_the_timeline_and_not_done_twice() -> None:
    store, case_id = _registered()
    restrict = RestrictCase(actor="pia", case_id=case_id, reason=WHY)
    restrict_case(restrict, FakeUnitOfWork(store), FixedClock(), deadline_policy())
    assert store.cases[case_id].restricted
    with pytest.raises(InvalidInput):
        restrict_case(restrict, FakeUnitOfWork(store), FixedClock(), deadline_policy())
    lift = LiftRestriction(actor="teun", case_id=case_id, reason=WHY)
    lift_case_restriction(lift, FakeUnitOfWork(store), FixedClock(), deadline_policy())
    assert not store.cases[case_id].restricted
    said = [(e.trigger, e.actor) for _, e in store.history[-2:]]
    assert said == [("restrict", "pia"), ("lift_restriction", "teun")]
