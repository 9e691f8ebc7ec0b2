"""Assigning a case to a case director: the command, and telling the people concerned.

A plain history entry (same state, new version), so the timeline shows who handed the case to
whom and why, and the version check guards it like any other change."""

from collections.abc import Callable
from datetime import datetime

from handlers.cases import CaseRef
from states import State, TriggerRefused
from workflow import events
from workflow.commands import AssignCase
from workflow.deadlines import DeadlinePolicy
from workflow.errors import ConcurrencyConflict, InvalidInput
from workflow.unit_of_work import Notification, UnitOfWork

Clock = Callable[[], datetime]


def assign_case(
    command: AssignCase, uow: UnitOfWork, clock: Clock, deadlines: DeadlinePolicy
) -> CaseRef:
    with uow:
        case = uow.cases.get(command.case_id)
        if command.expected_version is not None and command.expected_version != case.version:
            raise ConcurrencyConflict(case.id, command.expected_version)
        if case.state is State.CLOSED:
            raise TriggerRefused(
                case.state, "assign", case.allowed_triggers(), "a closed case has no director"
            )
        previous = case.case_director
        if previous == command.case_director:
            raise InvalidInput(
                [("case_director", f"'{previous}' is the case director already")], "assignment"
            )
        now = clock()
        case.case_director = command.case_director
        event = events.CaseReassigned(
            case_id=case.id,
            occurred_at=now,
            actor=command.actor,
            correlation_id=command.correlation_id,
            case_director=command.case_director,
            previous_case_director=previous,
        )
        data = {"case_director": command.case_director, "previous": previous}
        if command.reason:
            data["reason"] = command.reason
        case.record("assign", data, command.actor, now, event, command.correlation_id)
        case.alerts.reschedule(deadlines.next_deadline(case))
        uow.commit()
    return CaseRef(case.id, case.state, case.version)


def tell_of_reassignment(event: events.CaseReassigned, uow: UnitOfWork, clock: Clock) -> None:
    told = [(event.case_director, "case_assigned", "case assigned")]
    if event.previous_case_director:
        told.append((event.previous_case_director, "case_handed_over", "case handed over"))
    for recipient, kind, text in told:
        uow.notifications.add(
            Notification(recipient, kind, event.case_id, text, clock(), str(event.event_id))
        )
