"""Command handlers for the case lifecycle: register a report, fire a trigger."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import structlog

from states import State
from workflow.case import Case
from workflow.commands import FireTrigger, RegisterReport
from workflow.errors import ConcurrencyConflict
from workflow.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class CaseRef:
    case_id: str
    state: State
    version: int


def register_report(command: RegisterReport, uow: UnitOfWork, clock: Clock) -> CaseRef:
    with uow:
        case = Case.register(command.report, command.actor, clock(), command.correlation_id)
        uow.cases.add(case, command.report)
        uow.commit()
    log.info("report registered", case_id=case.id)
    return CaseRef(case.id, case.state, case.version)


def fire_trigger(command: FireTrigger, uow: UnitOfWork, clock: Clock) -> CaseRef:
    with structlog.contextvars.bound_contextvars(case_id=command.case_id), uow:
        case = uow.cases.get(command.case_id)
        if command.expected_version is not None and command.expected_version != case.version:
            raise ConcurrencyConflict(case.id, command.expected_version)
        before = case.state
        case.fire(command.trigger, command.data, command.actor, clock(), command.correlation_id)
        uow.commit()
        log.info("transition accepted", trigger=command.trigger, from_state=before, to_state=case.state)
    return CaseRef(case.id, case.state, case.version)
