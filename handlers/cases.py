"""Command handlers for the case lifecycle: fire a trigger, record activities and follow-ups.

Every change recomputes the case's next deadline, so the scheduler never has to poll."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import structlog

from states import State
from workflow.case import Case
from workflow.commands import FireTrigger, RecordActivity, RecordFollowUp
from workflow.deadlines import DeadlinePolicy
from workflow.errors import ConcurrencyConflict
from workflow.log_context import bound
from workflow.reference import ReferenceData
from workflow.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class CaseRef:
    case_id: str
    state: State
    version: int


def fire_trigger(
    command: FireTrigger,
    uow: UnitOfWork,
    clock: Clock,
    deadlines: DeadlinePolicy,
    reference: ReferenceData,
) -> CaseRef:
    instrument = reference.instrument

    def fire(case: Case) -> None:
        before = case.state
        case.fire(command.data, command.actor, clock(), command.correlation_id, instrument)
        log.info(
            "transition accepted", trigger=command.trigger, from_state=before, to_state=case.state
        )

    return change_case(uow, command.case_id, command.expected_version, deadlines, fire)


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
        case.record_follow_up(command.follow_up, command.actor, clock(), command.correlation_id)

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
    return CaseRef(case.id, case.state, case.version)


def _load(uow: UnitOfWork, case_id: str, expected_version: int | None) -> Case:
    case = uow.cases.get(case_id)
    if expected_version is not None and expected_version != case.version:
        raise ConcurrencyConflict(case.id, expected_version)
    return case
