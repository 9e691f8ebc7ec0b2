"""Event handlers that turn missed deadlines and due check-ins into reminders for people."""

from collections.abc import Callable
from datetime import datetime

from handlers.notifications import INTAKE, TEAM_LEAD
from workflow import events
from workflow.activity_data import FollowUpOutcome
from workflow.unit_of_work import Notification, UnitOfWork

Clock = Callable[[], datetime]


def _tell(
    uow: UnitOfWork,
    recipient: str,
    kind: str,
    event: events.Event,
    clock: Clock,
    details: dict[str, str] | None = None,
) -> None:
    uow.notifications.add(
        Notification(recipient, kind, event.case_id, clock(), str(event.event_id), details or {})
    )


def remind_of_stalled_case(event: events.CaseStalled, uow: UnitOfWork, clock: Clock) -> None:
    details = {"deadline_kind": event.deadline_kind, "due_at": event.due.isoformat()}
    _tell(uow, event.case_director or INTAKE, "case_stalled", event, clock, details)


def remind_of_follow_up(event: events.FollowUpDue, uow: UnitOfWork, clock: Clock) -> None:
    details = {"seq": str(event.seq)}
    _tell(uow, event.case_director or TEAM_LEAD, "follow_up_due", event, clock, details)


def escalate_stalled_case(
    event: events.StalledCaseEscalated, uow: UnitOfWork, clock: Clock
) -> None:
    details = {"deadline_kind": event.deadline_kind}
    _tell(uow, TEAM_LEAD, "stalled_case_escalated", event, clock, details)


def remind_of_reporter_feedback(
    event: events.ReporterFeedbackDue, uow: UnitOfWork, clock: Clock
) -> None:
    _tell(uow, event.case_director or INTAKE, "reporter_feedback_due", event, clock)


def suggest_escalation_on_new_signals(
    event: events.FollowUpRecorded, uow: UnitOfWork, clock: Clock
) -> None:
    if event.outcome != FollowUpOutcome.NEW_SIGNALS:
        return
    director = uow.cases.get(event.case_id).case_director or TEAM_LEAD
    _tell(uow, director, "escalation_suggested", event, clock)
    _tell(uow, director, "reassessment_suggested", event, clock)
