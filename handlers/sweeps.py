"""Scheduled sweeps: find the cases whose alert is due and say it, once.

Each case is flagged in its own unit of work with the version check, so two sweeps at once, or a
rerun after a crash, flag nothing twice: the loser sees a conflict, or a case no longer due."""

from dataclasses import dataclass

import structlog

from workflow.commands import SweepDeadlines, SweepReporterFeedback
from workflow.deadlines import DeadlinePolicy
from workflow.errors import ConcurrencyConflict
from workflow.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class SweepResult:
    found: int
    flagged: int


def sweep_deadlines(
    command: SweepDeadlines, uow: UnitOfWork, deadlines: DeadlinePolicy
) -> SweepResult:
    with uow:
        due = uow.cases.due_alerts(command.now, command.follow_ups, command.limit)
    flagged = 0
    for case_id in due:
        try:
            with uow:
                case = uow.cases.get(case_id)
                alert_at = case.alerts.next_alert_at
                if alert_at is None or alert_at > command.now:
                    continue  # handled meanwhile by another sweep or a person
                due_at = case.alerts.deadline_at
                assert due_at is not None
                case.flag_overdue(deadlines.grace_end(due_at), command.now)
                uow.commit()
                flagged += 1
        except ConcurrencyConflict:
            log.info("case changed while flagging; the next sweep looks again", case_id=case_id)
    log.info("deadline sweep done", found=len(due), flagged=flagged, follow_ups=command.follow_ups)
    return SweepResult(len(due), flagged)


def sweep_reporter_feedback(command: SweepReporterFeedback, uow: UnitOfWork) -> SweepResult:
    with uow:
        due = uow.cases.feedback_due(command.now, command.limit)
    flagged = 0
    for case_id in due:
        try:
            with uow:
                case = uow.cases.get(case_id)
                alert_at = case.alerts.feedback_alert_at
                if alert_at is None or alert_at > command.now:
                    continue
                case.flag_feedback_overdue(command.now)
                uow.commit()
                flagged += 1
        except ConcurrencyConflict:
            log.info("case changed while flagging feedback", case_id=case_id)
    return SweepResult(len(due), flagged)
