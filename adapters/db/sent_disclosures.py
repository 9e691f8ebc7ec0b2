"""What was sent, or is on its way, to one partner since a moment: for the partner's own
check (`meldpunt partner sent PARTNER --since ...`, `GET /partner/disclosures`). Never the
payload and nothing decrypted: the key the receiver dedupes on, the event, the form, the names
of the fields, the legal basis, the case id, and how the delivery went."""

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from adapters.db.tables import disclosures

COLUMNS = (
    disclosures.c.id,
    disclosures.c.event_id,
    disclosures.c.partner,
    disclosures.c.event_type,
    disclosures.c.form,
    disclosures.c.fields,
    disclosures.c.legal_basis,
    disclosures.c.case_id,
    disclosures.c.status,
    disclosures.c.channel,
    disclosures.c.attempts,
    disclosures.c.last_error,
    disclosures.c.created_at,
    disclosures.c.delivered_at,
)


def sent_to(
    connection: Connection, partner: str, since: datetime, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """A page of the partner's disclosures made at or after `since`, oldest first, and how
    many there are in all."""
    where = (disclosures.c.partner == partner, disclosures.c.created_at >= since)
    counted = select(func.count()).select_from(disclosures).where(*where)
    total = connection.execute(counted).scalar_one()
    query = select(*COLUMNS).where(*where).order_by(disclosures.c.id).limit(limit).offset(offset)
    return [_listed(row) for row in connection.execute(query).mappings()], total


def _listed(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        # The Idempotency-Key and AMQP message id the partner received it with.
        "key": f"{row['event_id']}.{row['partner']}.{row['form']}",
        "event_type": row["event_type"],
        "form": row["form"],
        "fields": json.loads(row["fields"]),
        "legal_basis": row["legal_basis"],
        "case_id": row["case_id"],
        "status": row["status"],
        "channel": row["channel"],
        "attempts": row["attempts"],
        "last_error": row["last_error"],
        "created_at": row["created_at"].isoformat(),
        "delivered_at": row["delivered_at"].isoformat() if row["delivered_at"] else None,
    }
