"""The team lead told of a partner over its event budget (docs/partners.md)."""

from collections.abc import Callable
from datetime import datetime

from handlers.notifications import TEAM_LEAD
from workflow.partner_budget import TellPartnerOverBudget
from workflow.unit_of_work import Notification, UnitOfWork

Clock = Callable[[], datetime]
KIND = "partner_over_budget"


def tell_partner_over_budget(command: TellPartnerOverBudget, uow: UnitOfWork, clock: Clock) -> None:
    """A notification without a case: the partner and its limit, never what it sent."""
    details = {"partner": command.partner, "limit": str(command.limit)}
    with uow:
        uow.notifications.add(
            Notification(TEAM_LEAD, KIND, "", clock(), command.correlation_id, details)
        )
        uow.commit()
