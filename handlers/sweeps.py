"""Scheduled sweeps: find the cases whose alert is due and say it, once.

Each case is flagged in its own unit of work with the version check, so two sweeps at once, or a
rerun after a crash, flag nothing twice: the loser sees a conflict, or a case no longer due."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import structlog

from workflow.case import Case
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
    def flag(case: Case) -> None:
        assert case.alerts.deadline_at is not None
        case.flag_overdue(deadlines.grace_end(case.alerts.deadline_at), command.now)

    with uow:
        due = uow.cases.due_alerts(command.now, command.follow_ups, command.limit)
    result = _flag_each(uow, due, command.now, lambda case: case.alerts.next_alert_at, flag)
    log.info(
        "deadline sweep done",
        found=result.found,
        flagged=result.flagged,
        follow_ups=command.follow_ups,
    )
    return result


def sweep_reporter_feedback(command: SweepReporterFeedback, uow: UnitOfWork) -> SweepResult:
    with uow:
        due = uow.cases.feedback_due(command.now, command.limit)
    return _flag_each(
        uow,
        due,
        command.now,
        lambda case: case.alerts.feedback_alert_at,
        lambda case: case.flag_feedback_overdue(command.now),
    )


def _flag_each(
    uow: UnitOfWork,
    case_ids: list[str],
    now: datetime,
    alert_at: Callable[[Case], datetime | None],
    flag: Callable[[Case], object],
) -> SweepResult:
    """Flag each case that is still due when loaded; a case changed meanwhile is left to the
    next sweep, which sees its new state."""
    flagged = 0
    for case_id in case_ids:
        try:
            with uow:
                case = uow.cases.get(case_id)
                moment = alert_at(case)
                if moment is None or moment > now:
                    continue  # handled meanwhile by another sweep or a person
                flag(case)
                uow.commit()
                flagged += 1
        except ConcurrencyConflict:
            log.info("case changed while flagging; the next sweep looks again", case_id=case_id)
    return SweepResult(len(case_ids), flagged)
