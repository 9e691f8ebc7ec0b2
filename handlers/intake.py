"""Registering a report: check it (workflow/intake.py), recognise the person by subject key,
link earlier cases (re-victimisation), propose possible duplicates, and set the first deadlines."""

from collections.abc import Callable
from datetime import datetime

import structlog

from handlers.cases import CaseRef, change_case
from workflow.case import Case
from workflow.commands import Command, DecideDuplicate, RegisterReport
from workflow.deadlines import DeadlinePolicy
from workflow.errors import InvalidInput, reason
from workflow.intake import checked_report
from workflow.reference import ReferenceData
from workflow.report import Report
from workflow.subjects import SubjectKeys, name_similarity
from workflow.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)

Clock = Callable[[], datetime]
DUPLICATE_THRESHOLD = 0.8  # name similarity from which a same-birth-date case is proposed


def register_report(
    command: RegisterReport,
    uow: UnitOfWork,
    clock: Clock,
    deadlines: DeadlinePolicy,
    reference: ReferenceData,
    subject_keys: SubjectKeys,
) -> CaseRef:
    report = checked_report(command.report, reference, clock())
    with uow:
        case = registered(report, command, uow, clock, deadlines, reference, subject_keys)
        uow.commit()
    log.info("report registered", case_id=case.id, linked=len(case.new_links))
    return CaseRef(case.id, case.state, case.version)


def registered(
    report: Report,
    command: Command,
    uow: UnitOfWork,
    clock: Clock,
    deadlines: DeadlinePolicy,
    reference: ReferenceData,
    subject_keys: SubjectKeys,
) -> Case:
    """The case of a checked report, added to `uow` (entered by the caller, who commits): the
    one way a report becomes a case, for a report and for an advice question turned into one."""
    now = clock()
    case = Case.register(report, command.actor, now, command.correlation_id)
    case.identity = subject_keys.identify(report.subject)
    earlier = uow.cases.same_subject(case.identity)
    case.link_earlier(earlier, now, deadlines.norms.revictimisation_watch_years)
    linked = {e.case_id for e in earlier}
    case.propose_duplicates(
        [
            (other, score)
            for other, name in uow.cases.same_birth_date(case.identity)
            if other not in linked
            and name
            and report.subject.name
            and (score := name_similarity(name, report.subject.name)) >= DUPLICATE_THRESHOLD
        ],
        now,
    )
    case.suggest_risk(report.signals, reference.instrument, now)  # knows the floor by now
    case.alerts.reschedule(deadlines.next_deadline(case))
    case.alerts.expect_feedback(deadlines.feedback_due(case.received_at))
    uow.cases.add(case, report)
    return case


def decide_duplicate(
    command: DecideDuplicate, uow: UnitOfWork, clock: Clock, deadlines: DeadlinePolicy
) -> CaseRef:
    def decide(case: Case) -> None:
        if command.other_case_id not in uow.cases.open_duplicates(case.id):
            why = reason(
                "duplicate.not_open",
                "'{other}' is not an open possible duplicate of case '{case_id}'",
                other=command.other_case_id,
                case_id=case.id,
            )
            raise InvalidInput([("other_case_id", why)])
        other = uow.cases.earlier_case(command.other_case_id)
        watch_years = deadlines.norms.revictimisation_watch_years
        case.decide_duplicate(other, command.confirm, command.actor, clock(), watch_years)

    return change_case(uow, command.case_id, None, deadlines, decide)
