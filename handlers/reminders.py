"""Event handlers that turn missed deadlines and due check-ins into reminders for people."""

from collections.abc import Callable
from datetime import datetime

from handlers.notifications import INTAKE, TEAM_LEAD
from workflow import events
from workflow.activity_data import FollowUpOutcome
from workflow.unit_of_work import Notification, UnitOfWork

Clock = Callable[[], datetime]

KIND_TEXT = {
    "assessment": "risk assessment overdue",
    "next_step": "next step after the risk assessment overdue",
    "decision": "decision after advice overdue",
    "plan_of_approach": "plan of approach overdue",
    "activity": "no recorded activity: case stalled",
    "close_after_follow_ups": "last follow-up done: close the case",
}


def _tell(
    uow: UnitOfWork, recipient: str, kind: str, event: events.Event, text: str, clock: Clock
) -> None:
    uow.notifications.add(
        Notification(recipient, kind, event.case_id, text, clock(), str(event.event_id))
    )


def remind_of_stalled_case(event: events.CaseStalled, uow: UnitOfWork, clock: Clock) -> None:
    text = f"{KIND_TEXT.get(event.deadline_kind, event.deadline_kind)} (due {event.due:%Y-%m-%d})"
    _tell(uow, event.case_director or INTAKE, "case_stalled", event, text, clock)


def remind_of_follow_up(event: events.FollowUpDue, uow: UnitOfWork, clock: Clock) -> None:
    text = f"follow-up {event.seq} with the local team is due"
    _tell(uow, event.case_director or TEAM_LEAD, "follow_up_due", event, text, clock)


def escalate_stalled_case(
    event: events.StalledCaseEscalated, uow: UnitOfWork, clock: Clock
) -> None:
    text = (
        f"still overdue after the grace: {KIND_TEXT.get(event.deadline_kind, event.deadline_kind)}"
    )
    _tell(uow, TEAM_LEAD, "stalled_case_escalated", event, text, clock)


def remind_of_reporter_feedback(
    event: events.ReporterFeedbackDue, uow: UnitOfWork, clock: Clock
) -> None:
    text = "feedback to the reporter is overdue"
    _tell(uow, event.case_director or INTAKE, "reporter_feedback_due", event, text, clock)


def suggest_escalation_on_new_signals(
    event: events.FollowUpRecorded, uow: UnitOfWork, clock: Clock
) -> None:
    if event.outcome != FollowUpOutcome.NEW_SIGNALS:
        return
    director = uow.cases.get(event.case_id).case_director or TEAM_LEAD
    text = "new signals at the follow-up: consider escalate"
    _tell(uow, director, "escalation_suggested", event, text, clock)
    text = "new signals at the follow-up: consider reassessing the risk"
    _tell(uow, director, "reassessment_suggested", event, text, clock)
