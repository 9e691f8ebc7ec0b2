"""Assigning a case to a case director: the command, and telling the people concerned.

A plain history entry (same state, new version), so the timeline shows who handed the case to
whom and why, and the version check guards it like any other change."""

from collections.abc import Callable
from datetime import datetime

from handlers.cases import CaseRef, change_case
from workflow import events
from workflow.case import Case
from workflow.commands import AssignCase
from workflow.deadlines import DeadlinePolicy
from workflow.people import People, require_director
from workflow.unit_of_work import Notification, UnitOfWork

Clock = Callable[[], datetime]


def assign_case(
    command: AssignCase,
    uow: UnitOfWork,
    clock: Clock,
    deadlines: DeadlinePolicy,
    people: People,
) -> CaseRef:
    require_director(people, command.case_director, "case_director")

    def assign(case: Case) -> None:
        case.assign_director(
            command.case_director, command.reason, command.actor, clock(), command.correlation_id
        )

    return change_case(uow, command.case_id, command.expected_version, deadlines, assign)


def tell_of_reassignment(event: events.CaseReassigned, uow: UnitOfWork, clock: Clock) -> None:
    told = [(event.case_director, "case_assigned")]
    if event.previous_case_director:
        told.append((event.previous_case_director, "case_handed_over"))
    for recipient, kind in told:
        uow.notifications.add(
            Notification(recipient, kind, event.case_id, clock(), str(event.event_id))
        )
