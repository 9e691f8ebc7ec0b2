"""The non-case command handlers on fakes: an advice question turned into a report registers
the case and links both in one commit, or commits nothing at all."""

from dataclasses import replace
from typing import Any

import pytest

from handlers.noncase import (
    mark_activity_held,
    record_advice_question,
    record_prevention_activity,
    turn_advice_into_report,
)
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
from workflow.advice import AdviceQuestion
from workflow.errors import InvalidInput
from workflow.noncase_commands import (
    MarkActivityHeld,
    RecordAdviceQuestion,
    RecordPreventionActivity,
    TurnAdviceIntoReport,
)
from workflow.noncase_store import NonCaseRepository
from workflow.prevention import PreventionActivity

ADVICE = {
    "asked_on": "2026-11-02",
    "channel": "phone",
    "organisation": "Het Stedelijk Lyceum",
    "professional": "teacher",
    "municipality": "Enschede",
    "topics": ["sexual"],
    "advice": "Talk with her mentor.",
    "minutes": 15,
}


class Records:
    """What the fake keeps once committed."""

    def __init__(self) -> None:
        self.advice: dict[str, AdviceQuestion] = {}
        self.activities: dict[str, PreventionActivity] = {}


class FakeNonCase(NonCaseRepository):
    def __init__(self, records: Records) -> None:
        super().__init__()
        self.records = records
        self.pending: list[AdviceQuestion | PreventionActivity] = []

    def advice(self, advice_id: str) -> AdviceQuestion | None:
        return self.records.advice.get(advice_id)

    def activity(self, activity_id: str) -> PreventionActivity | None:
        return self.records.activities.get(activity_id)

    def _add_advice(self, question: AdviceQuestion) -> None:
        self.pending.append(question)

    def _link_advice(self, advice_id: str, case_id: str) -> None:
        self.pending.append(replace(self.records.advice[advice_id], case_id=case_id))

    def _add_activity(self, activity: PreventionActivity) -> None:
        self.pending.append(activity)

    def _save_held(self, activity: PreventionActivity) -> None:
        self.pending.append(activity)


class NonCaseUnitOfWork(FakeUnitOfWork):
    noncase: FakeNonCase

    def __init__(self, store: FakeStore, records: Records) -> None:
        super().__init__(store)
        self.records = records

    def __enter__(self) -> "NonCaseUnitOfWork":
        super().__enter__()
        self.noncase = FakeNonCase(self.records)
        return self

    def commit(self) -> None:
        super().commit()
        for record in self.noncase.pending:
            if isinstance(record, AdviceQuestion):
                self.records.advice[record.id] = record
            else:
                self.records.activities[record.id] = record


@pytest.fixture
def kept() -> tuple[FakeStore, Records]:
    return FakeStore(), Records()


def uow(kept: tuple[FakeStore, Records]) -> NonCaseUnitOfWork:
    return NonCaseUnitOfWork(*kept)


def to_report(kept: tuple[FakeStore, Records], advice_id: str, report: Any) -> Any:
    command = TurnAdviceIntoReport(actor="iris", advice_id=advice_id, report=report)
    return turn_advice_into_report(
        command, uow(kept), FixedClock(), deadline_policy(), REFERENCE, SUBJECT_KEYS
    )


def test_an_advice_question_turned_into_a_report_is_linked_in_the_same_commit(
    kept: tuple[FakeStore, Records],
) -> None:
    store, records = kept
    command = RecordAdviceQuestion(actor="iris", advice=ADVICE)
    question = record_advice_question(command, uow(kept), FixedClock(), REFERENCE)
    assert store.commits == 1
    ref = to_report(kept, question.id, REPORT)
    assert ref.state is State.RECEIVED
    assert records.advice[question.id].case_id == ref.case_id
    assert store.commits == 2  # the case and the link: one commit
    assert [type(e).__name__ for e in store.outbox] == ["ReportReceived"]
    with pytest.raises(InvalidInput) as refused:
        to_report(kept, question.id, REPORT)
    assert [field for field, _ in refused.value.problems] == ["advice_id"]
    assert (store.commits, len(store.cases)) == (2, 1)


def test_a_refused_report_or_an_unknown_question_commits_nothing(
    kept: tuple[FakeStore, Records],
) -> None:
    store, records = kept
    question = record_advice_question(
        RecordAdviceQuestion(actor="iris", advice=ADVICE), uow(kept), FixedClock(), REFERENCE
    )
    with pytest.raises(InvalidInput):
        to_report(kept, question.id, {**REPORT, "channel": "fax"})
    with pytest.raises(InvalidInput) as refused:
        to_report(kept, "00000000-0000-4000-8000-000000000000", REPORT)
    assert [field for field, _ in refused.value.problems] == ["advice_id"]
    assert (store.commits, store.cases, records.advice[question.id].case_id) == (1, {}, None)


def test_a_planned_activity_is_held_once(kept: tuple[FakeStore, Records]) -> None:
    _, records = kept
    form = {
        "on": "2026-11-02",
        "municipality": "Borne",
        "kind": "training",
        "audience": "professionals",
        "participants": 15,
        "hours": 3,
    }
    command = RecordPreventionActivity(actor="anna", activity=form)
    planned = record_prevention_activity(command, uow(kept), FixedClock(), REFERENCE)
    held = MarkActivityHeld(actor="iris", activity_id=planned.id, held={"participants": 12})
    done = mark_activity_held(held, uow(kept), FixedClock())
    assert (done.form.held, done.form.participants, done.held_by) == (True, 12, "iris")
    assert records.activities[planned.id].form.participants == 12
    with pytest.raises(InvalidInput):
        mark_activity_held(held, uow(kept), FixedClock())
