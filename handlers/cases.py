"""Command handlers for the case lifecycle: fire a trigger, record activities and follow-ups.

Every change recomputes the case's next deadline, so the scheduler never has to poll."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import structlog

from handlers.archive import settle_archive
from states import State
from workflow.assessment import ASSESSMENT_PROPOSED
from workflow.case import NOTHING_TO_CONFIRM, Case
from workflow.commands import ConfirmAssessment, FireTrigger, RecordActivity, RecordFollowUp
from workflow.deadlines import DeadlinePolicy
from workflow.errors import ConcurrencyConflict, InvalidInput
from workflow.log_context import bound
from workflow.people import People, require_director
from workflow.reference import ReferenceData
from workflow.retention import RetentionRules
from workflow.transition_data import AssessRiskData, StartCaseDirectionData
from workflow.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class CaseRef:
    case_id: str
    state: State
    version: int
    awaiting_confirmation: bool = False  # an assessment waits for a team lead


def fire_trigger(
    command: FireTrigger,
    uow: UnitOfWork,
    clock: Clock,
    deadlines: DeadlinePolicy,
    reference: ReferenceData,
    people: People,
    retention_rules: RetentionRules | None = None,
) -> CaseRef:
    """Fire the command's trigger; with `retention_rules` (always, when wired by bootstrap), a
    closed case gets its archive terms and a reopened one loses them."""
    instrument = reference.instrument
    if isinstance(command.data, StartCaseDirectionData):
        require_director(people, command.data.case_director, "case_director")

    def fire(case: Case) -> None:
        before = case.state
        signals = _reported_signals(uow, case) if isinstance(command.data, AssessRiskData) else ()
        case.fire(command.data, command.actor, clock(), command.correlation_id, instrument, signals)
        if retention_rules is not None:
            settle_archive(uow, case, retention_rules, clock())
        log.info(
            "transition accepted", trigger=command.trigger, from_state=before, to_state=case.state
        )

    return change_case(uow, command.case_id, command.expected_version, deadlines, fire)


def confirm_assessment(
    command: ConfirmAssessment,
    uow: UnitOfWork,
    clock: Clock,
    deadlines: DeadlinePolicy,
    reference: ReferenceData,
) -> CaseRef:
    """A team lead confirms or rejects an assessment that lowered a high or acute suggestion."""

    def decide(case: Case) -> None:
        proposal = uow.cases.last_entry(case.id, ASSESSMENT_PROPOSED)
        if proposal is None or not case.awaiting_confirmation:
            raise InvalidInput([("case_id", NOTHING_TO_CONFIRM)])
        case.decide_assessment(
            proposal.data,
            proposal.actor,
            command.confirm,
            command.reason,
            command.actor,
            clock(),
            reference.instrument,
            _reported_signals(uow, case),
            command.correlation_id,
        )

    return change_case(uow, command.case_id, command.expected_version, deadlines, decide)


def _reported_signals(uow: UnitOfWork, case: Case) -> list[str]:
    """The signals the report gave: an assessment starts from them."""
    return list(uow.cases.report(case.id).signals)


def record_activity(
    command: RecordActivity, uow: UnitOfWork, clock: Clock, deadlines: DeadlinePolicy
) -> CaseRef:
    def record(case: Case) -> None:
        case.record_activity(command.activity, command.actor, clock(), command.correlation_id)

    return change_case(uow, command.case_id, command.expected_version, deadlines, record)


def record_follow_up(
    command: RecordFollowUp, uow: UnitOfWork, clock: Clock, deadlines: DeadlinePolicy
) -> CaseRef:
    def record(case: Case) -> None:
        case.record_follow_up(
            command.follow_up,
            command.actor,
            clock(),
            command.correlation_id,
            len(deadlines.norms.follow_up_months),
            deadlines.follow_up_opens(case),
        )

    return change_case(uow, command.case_id, command.expected_version, deadlines, record)


def change_case(
    uow: UnitOfWork,
    case_id: str,
    expected_version: int | None,
    deadlines: DeadlinePolicy,
    change: Callable[[Case], None],
) -> CaseRef:
    """Load the case (refusing a stale version), change it, recompute its next deadline, and
    commit: the shape of every change a person makes to a case."""
    with bound(case_id=case_id), uow:
        case = _load(uow, case_id, expected_version)
        change(case)
        case.alerts.reschedule(deadlines.next_deadline(case))
        uow.commit()
    return CaseRef(case.id, case.state, case.version, case.awaiting_confirmation)


def _load(uow: UnitOfWork, case_id: str, expected_version: int | None) -> Case:
    case = uow.cases.get(case_id)
    if expected_version is not None and expected_version != case.version:
        raise ConcurrencyConflict(case.id, expected_version)
    return case
