"""Disclosures that do not leave: still pending past the stuck time (a partner that cannot be
reached, or one that keeps failing), the team lead is told, once per disclosure, so a person
can reach the partner another way meanwhile.

Each alert is its own unit of work that records the alert with the notification, and runs as
handled-message `disclosure-<id>`: a second sweep at the same moment loses on that row, and a
rerun finds the alert recorded. Nothing of the payload is said: partner, event, since when."""

from collections.abc import Callable
from datetime import datetime, timedelta

import structlog

from handlers.notifications import TEAM_LEAD
from handlers.sweeps import SweepResult
from workflow.commands import AlertStuckDisclosures
from workflow.partners import StuckDisclosure
from workflow.unit_of_work import AlreadyHandled, Notification, UnitOfWork

log = structlog.get_logger(__name__)

Clock = Callable[[], datetime]
KIND = "disclosure_stuck"
ALERT = "handlers.stuck_disclosures.alert"


def details(stuck: StuckDisclosure) -> dict[str, str]:
    return {
        "partner": stuck.partner,
        "event_type": stuck.event_type,
        "pending_since_at": stuck.created_at.isoformat(),
    }


def alert_stuck_disclosures(
    command: AlertStuckDisclosures,
    uow: UnitOfWork,
    clock: Clock,
    disclosure_stuck_after: timedelta,
) -> SweepResult:
    with uow:
        stuck = uow.disclosures.stuck_unsaid(command.now - disclosure_stuck_after, command.limit)
    told = 0
    for item in stuck:
        try:
            with uow:
                uow.handling_message(f"disclosure-{item.id}", ALERT)
                uow.disclosures.said_stuck(item.id, command.now)
                uow.notifications.add(
                    Notification(TEAM_LEAD, KIND, item.case_id, clock(), details=details(item))
                )
                uow.commit()
                told += 1
        except AlreadyHandled:
            log.info("stuck disclosure already said", disclosure=item.id)
    if stuck:
        log.warning("stuck disclosures", found=len(stuck), told=told)
    return SweepResult(len(stuck), told)
