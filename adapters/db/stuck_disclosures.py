"""Disclosures that wait too long: pending since before a moment, for the team lead's alert
(each said once: `stuck_alerted_at`) and for `meldpunt partner disclosures --stuck`. Never the
payload: partner, event type, case, times, attempts and the last error are all it shows."""

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, Update, select, update

from adapters.db.tables import PENDING, disclosures
from workflow.partners import StuckDisclosure


def _stuck(pending_since: datetime) -> Select[Any]:
    return (
        select(
            disclosures.c.id,
            disclosures.c.case_id,
            disclosures.c.partner,
            disclosures.c.event_type,
            disclosures.c.created_at,
            disclosures.c.attempts,
            disclosures.c.last_error,
        )
        .where(disclosures.c.status == PENDING, disclosures.c.created_at < pending_since)
        .order_by(disclosures.c.id)
    )


def stuck(
    connection: Connection, pending_since: datetime, limit: int, unsaid_only: bool = False
) -> list[StuckDisclosure]:
    query = _stuck(pending_since).limit(limit)
    if unsaid_only:
        query = query.where(disclosures.c.stuck_alerted_at.is_(None))
    return [StuckDisclosure(**row) for row in connection.execute(query).mappings()]


def said_stuck(disclosure_id: int, at: datetime) -> Update:
    """The update that records the alert; the unit of work sends it with the notification."""
    return update(disclosures).where(disclosures.c.id == disclosure_id).values(stuck_alerted_at=at)


def listed(item: StuckDisclosure) -> dict[str, Any]:
    """One stuck disclosure as the command line lists it."""
    return {
        "partner": item.partner,
        "event_type": item.event_type,
        "case_id": item.case_id,
        "created_at": item.created_at.isoformat(),
        "attempts": item.attempts,
        "last_error": item.last_error,
    }
