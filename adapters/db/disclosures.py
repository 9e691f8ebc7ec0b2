"""Disclosures to partners: written with the event handler's work (disclosure_repository.py),
then delivered from here.

The table is both the record (what went to whom, on which legal basis, visible per case) and
the durable queue of deliveries, like the outbox is for events."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from adapters.crypto import FieldCipher
from adapters.db import sent_disclosures, stuck_disclosures
from adapters.db.tables import DEAD, DELIVERED, PENDING, disclosures
from workflow.partners import StuckDisclosure

Clock = Callable[[], datetime]
__all__ = [
    "DEAD",
    "DELIVERED",
    "PENDING",
    "Delivery",
    "DisclosureStore",
    "disclosures_of",
]


@dataclass(frozen=True)
class Delivery:
    id: int
    partner: str
    form: str
    event_id: str
    event_type: str
    payload: dict[str, Any]
    attempts: int

    @property
    def key(self) -> str:
        """Stable across retries: what a receiver dedupes on."""
        return f"{self.event_id}.{self.partner}.{self.form}"


class DisclosureStore:
    """The delivery side: due messages, marked delivered, retried with back-off, or dead."""

    def __init__(self, engine: Engine, cipher: FieldCipher, clock: Clock) -> None:
        self.engine, self.cipher, self.clock = engine, cipher, clock

    def due(self, limit: int, partners: tuple[str, ...]) -> list[Delivery]:
        """Pending disclosures to `partners` (those with a channel now) whose time has come."""
        query = (
            select(disclosures)
            .where(
                disclosures.c.status == PENDING,
                disclosures.c.next_attempt_at <= self.clock(),
                disclosures.c.partner.in_(partners),
            )
            .order_by(disclosures.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [
                Delivery(
                    r.id,
                    r.partner,
                    r.form,
                    r.event_id,
                    r.event_type,
                    json.loads(self.cipher.decrypt(r.payload)),
                    r.attempts,
                )
                for r in conn.execute(query)
            ]

    def delivered(self, delivery_id: int, channel: str) -> None:
        """Delivered, by `channel`: the one it went by, which the mode may have changed since
        it was queued."""
        self._set(
            delivery_id,
            status=DELIVERED,
            channel=channel,
            delivered_at=self.clock(),
            last_error=None,
        )

    def failed(self, delivery: Delivery, error: str, max_attempts: int, backoff: float) -> str:
        attempts = delivery.attempts + 1
        status = DEAD if attempts >= max_attempts else PENDING
        wait = timedelta(seconds=backoff * 2 ** (attempts - 1))
        self._set(
            delivery.id,
            status=status,
            attempts=attempts,
            last_error=error[:2000],
            next_attempt_at=self.clock() + wait,
        )
        return status

    def for_case(self, case_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return disclosures_of(conn, case_id)

    def sent_to(
        self, partner: str, since: datetime, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        """What was sent (or waits) to `partner` since `since`: no payload, no personal data."""
        with self.engine.connect() as conn:
            return sent_disclosures.sent_to(conn, partner, since, limit, offset)

    def stuck(self, pending_since: datetime, limit: int = 1000) -> list[StuckDisclosure]:
        """Every disclosure pending since before `pending_since`, alerted or not."""
        with self.engine.connect() as conn:
            return stuck_disclosures.stuck(conn, pending_since, limit)

    def _set(self, delivery_id: int, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(disclosures).where(disclosures.c.id == delivery_id).values(**values)
            )


def disclosures_of(connection: Connection, case_id: str) -> list[dict[str, Any]]:
    """What went, or is going, to which partner about the case, and on which legal basis."""
    query = (
        select(
            disclosures.c.partner,
            disclosures.c.event_type,
            disclosures.c.form,
            disclosures.c.fields,
            disclosures.c.legal_basis,
            disclosures.c.consent_id,
            disclosures.c.status,
            disclosures.c.attempts,
            disclosures.c.last_error,
            disclosures.c.created_at,
            disclosures.c.delivered_at,
        )
        .where(disclosures.c.case_id == case_id)
        .order_by(disclosures.c.id)
    )
    return [
        {
            **row,
            "fields": json.loads(row["fields"]),
            "created_at": row["created_at"].isoformat(),
            "delivered_at": row["delivered_at"].isoformat() if row["delivered_at"] else None,
        }
        for row in connection.execute(query).mappings()
    ]
