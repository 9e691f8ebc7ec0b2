"""Event handlers that tell people what needs their attention, in their stored notifications."""

from collections.abc import Callable
from datetime import datetime

from workflow import events
from workflow.unit_of_work import Notification, UnitOfWork

Clock = Callable[[], datetime]

TEAM_LEAD = "role:team_lead"
INTAKE = "role:intake"


def notify_intake_of_new_report(
    event: events.ReportReceived, uow: UnitOfWork, clock: Clock
) -> None:
    uow.notifications.add(
        Notification(INTAKE, "new_report", event.case_id, clock(), str(event.event_id))
    )


def alert_team_lead_on_acute_risk(
    event: events.AcuteRiskDetected, uow: UnitOfWork, clock: Clock
) -> None:
    """Acute at intake or at an assessment: the team lead acts today."""
    uow.notifications.add(
        Notification(TEAM_LEAD, "acute_risk", event.case_id, clock(), str(event.event_id))
    )


def ask_team_lead_to_confirm(
    event: events.AssessmentAwaitingConfirmation, uow: UnitOfWork, clock: Clock
) -> None:
    """An assessment below a high or acute suggestion waits for a team lead's four eyes."""
    uow.notifications.add(
        Notification(
            TEAM_LEAD,
            "assessment_to_confirm",
            event.case_id,
            clock(),
            str(event.event_id),
            {"level": event.level, "suggested_level": event.suggested_level},
        )
    )


def notify_case_director(
    event: events.CaseDirectionStarted | events.CaseEscalated | events.CaseReopened,
    uow: UnitOfWork,
    clock: Clock,
) -> None:
    # Read the current case: the event may arrive late, after the director changed.
    director = uow.cases.get(event.case_id).case_director
    if director is None:
        uow.notifications.add(
            Notification(TEAM_LEAD, "no_case_director", event.case_id, clock(), str(event.event_id))
        )
        return
    kind = {
        events.CaseDirectionStarted: "case_assigned",
        events.CaseEscalated: "case_escalated",
        events.CaseReopened: "case_reopened",
    }[type(event)]
    uow.notifications.add(Notification(director, kind, event.case_id, clock(), str(event.event_id)))


def warn_of_revictimisation(
    event: events.RevictimisationRiskFlagged, uow: UnitOfWork, clock: Clock
) -> None:
    """The person was reported before: the last case director and the team lead hear of it."""
    details = {"earlier_case_id": event.earlier_case_id}
    for recipient in {event.earlier_case_director or TEAM_LEAD, TEAM_LEAD}:
        uow.notifications.add(
            Notification(
                recipient,
                "revictimisation_risk",
                event.case_id,
                clock(),
                str(event.event_id),
                details,
            )
        )
