"""Command handlers of the data subject's rights: correct a report field (art. 16), restrict a
case and lift the restriction (art. 18). Each is a change of the case like any other
(handlers/cases.py `change_case`): version checked, on the timeline, in one transaction."""

from collections.abc import Callable
from datetime import datetime

from handlers.cases import CaseRef, change_case
from workflow.case import Case
from workflow.correction import check_field, correct_report, corrected_form
from workflow.deadlines import DeadlinePolicy
from workflow.intake import checked_report
from workflow.reference import ReferenceData
from workflow.restriction import lift_restriction, restrict
from workflow.rights_commands import CorrectReport, LiftRestriction, RestrictCase
from workflow.subjects import SubjectKeys
from workflow.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def correct_report_field(
    command: CorrectReport,
    uow: UnitOfWork,
    clock: Clock,
    deadlines: DeadlinePolicy,
    reference: ReferenceData,
    subject_keys: SubjectKeys,
) -> CaseRef:
    field = check_field(command.field)

    def correct(case: Case) -> None:
        before = uow.cases.report(case.id)
        after = checked_report(corrected_form(before, field, command.value), reference, clock())
        identity = subject_keys.identify(after.subject)
        correct_report(
            case,
            before,
            after,
            field,
            command.reason,
            identity,
            command.actor,
            clock(),
            command.correlation_id,
        )
        uow.cases.correct(case, after)

    return change_case(uow, command.case_id, command.expected_version, deadlines, correct)


def restrict_case(
    command: RestrictCase, uow: UnitOfWork, clock: Clock, deadlines: DeadlinePolicy
) -> CaseRef:
    def change(case: Case) -> None:
        restrict(case, command.reason, command.actor, clock(), command.correlation_id)

    return change_case(uow, command.case_id, command.expected_version, deadlines, change)


def lift_case_restriction(
    command: LiftRestriction, uow: UnitOfWork, clock: Clock, deadlines: DeadlinePolicy
) -> CaseRef:
    def change(case: Case) -> None:
        lift_restriction(case, command.reason, command.actor, clock(), command.correlation_id)

    return change_case(uow, command.case_id, command.expected_version, deadlines, change)
