"""The non-case work's commands: advice questions and prevention activities, each checked here
(it needs the reference data and the clock) and kept through the unit of work's `noncase`
repository, in one transaction with its access-log rows."""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from uuid import uuid4

import structlog

from handlers.cases import CaseRef
from handlers.intake import registered
from workflow.advice import AdviceQuestion, checked_advice
from workflow.deadlines import DeadlinePolicy
from workflow.errors import InvalidInput, Reason, reason
from workflow.intake import checked_report
from workflow.noncase_commands import (
    MarkActivityHeld,
    RecordAdviceQuestion,
    RecordPreventionActivity,
    TurnAdviceIntoReport,
)
from workflow.prevention import PreventionActivity, checked_activity, marked_held
from workflow.reference import ReferenceData
from workflow.subjects import SubjectKeys
from workflow.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)

Clock = Callable[[], datetime]


def _no_advice(advice_id: str) -> Reason:
    return reason("noncase.no_advice_question", "there is no advice question '{id}'", id=advice_id)


def _no_activity(activity_id: str) -> Reason:
    return reason(
        "noncase.no_prevention_activity", "there is no prevention activity '{id}'", id=activity_id
    )


def record_advice_question(
    command: RecordAdviceQuestion, uow: UnitOfWork, clock: Clock, reference: ReferenceData
) -> AdviceQuestion:
    form = checked_advice(command.advice, reference, clock())
    with uow:
        question = AdviceQuestion(str(uuid4()), form, command.actor, clock())
        uow.noncase.add_advice(question)
        uow.commit()
    log.info("advice question recorded", advice_id=question.id)
    return question


def turn_advice_into_report(
    command: TurnAdviceIntoReport,
    uow: UnitOfWork,
    clock: Clock,
    deadlines: DeadlinePolicy,
    reference: ReferenceData,
    subject_keys: SubjectKeys,
) -> CaseRef:
    """Register the report the advice question led to and link the two, in one transaction: a
    question that is linked already, or a report that is refused, changes nothing."""
    report = checked_report(command.report, reference, clock())
    with uow:
        question = uow.noncase.advice(command.advice_id)
        if question is None:
            raise InvalidInput([("advice_id", _no_advice(command.advice_id))])
        if question.case_id is not None:
            why = reason(
                "noncase.advice_linked",
                "advice question '{id}' led to case '{case_id}' already",
                id=question.id,
                case_id=question.case_id,
            )
            raise InvalidInput([("advice_id", why)])
        case = registered(report, command, uow, clock, deadlines, reference, subject_keys)
        uow.noncase.link_advice(question.id, case.id)
        uow.commit()
    log.info("advice question turned into a report", advice_id=question.id, case_id=case.id)
    return CaseRef(case.id, case.state, case.version)


def record_prevention_activity(
    command: RecordPreventionActivity, uow: UnitOfWork, clock: Clock, reference: ReferenceData
) -> PreventionActivity:
    form = checked_activity(command.activity, reference, clock())
    with uow:
        now = clock()
        held_by, held_at = (command.actor, now) if form.held else (None, None)
        activity = PreventionActivity(str(uuid4()), form, command.actor, now, held_by, held_at)
        uow.noncase.add_activity(activity)
        uow.commit()
    log.info("prevention activity recorded", activity_id=activity.id, held=form.held)
    return activity


def mark_activity_held(
    command: MarkActivityHeld, uow: UnitOfWork, clock: Clock
) -> PreventionActivity:
    with uow:
        planned = uow.noncase.activity(command.activity_id)
        if planned is None:
            raise InvalidInput([("activity_id", _no_activity(command.activity_id))])
        now = clock()
        form = marked_held(planned, command.held, now)
        held = replace(planned, form=form, held_by=command.actor, held_at=now)
        uow.noncase.save_held(held)
        uow.commit()
    log.info("prevention activity held", activity_id=held.id)
    return held
