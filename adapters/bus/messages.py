"""How a domain event travels as an AMQP message, and how a received message becomes one again.

The body is the event's JSON exactly as the outbox stored it; the event id is the message id, so
every copy of one event (a relay retry, a redelivery, a replay) dedupes on the same
handled-message key.
"""

from typing import Any

from pydantic import ValidationError

from adapters.bus.topology import routing_key
from adapters.db.outbox import OutboxRow
from workflow.events import Event, event_from_json

EVENT_TYPE_HEADER = "x-meldpunt-event-type"
CASE_HEADER = "x-meldpunt-case-id"
ERROR_HEADER = "x-meldpunt-error"
ORIGIN_QUEUE_HEADER = "x-meldpunt-origin-queue"
REPLAYED_HEADER = "x-meldpunt-replayed"
CONTENT_TYPE = "application/json"


class Malformed(Exception):
    """A message no handler can ever take: it goes straight to the dead letters with this reason."""


def publish_arguments(row: OutboxRow) -> dict[str, Any]:
    """Keyword arguments for kombu's Producer.publish of one outbox row."""
    return {
        "body": row.payload.encode("utf-8"),
        "routing_key": routing_key(row.event_type),
        "message_id": row.event_id,
        "type": row.event_type,
        "content_type": CONTENT_TYPE,
        "content_encoding": "utf-8",
        "delivery_mode": 2,  # persistent: the message survives a broker restart
        "headers": {EVENT_TYPE_HEADER: row.event_type, CASE_HEADER: row.case_id},
    }


def raw_body(message: Any) -> bytes:
    """The body as sent: py-amqp hands it over decoded to str when it carries an encoding."""
    body = message.body
    if isinstance(body, str):
        return body.encode(message.content_encoding or "utf-8", errors="surrogateescape")
    return bytes(body)


def parse(body: bytes, properties: dict[str, Any], headers: dict[str, Any]) -> Event:
    """The domain event in a received message, or Malformed saying why not."""
    message_id = properties.get("message_id")
    if not message_id:
        raise Malformed("missing message_id")
    event_type = headers.get(EVENT_TYPE_HEADER) or properties.get("type")
    if not event_type:
        raise Malformed("missing event type header")
    try:
        event = event_from_json(str(event_type), body)
    except KeyError:
        raise Malformed(f"unknown event type {event_type!r}") from None
    except ValidationError as error:
        raise Malformed(f"invalid {event_type} body: {_first_lines(str(error))}") from None
    if str(event.event_id) != message_id:
        # The handled-message rows key on the message id; a mismatch would defeat deduplication.
        raise Malformed(f"message_id {message_id} differs from event_id {event.event_id}")
    return event


def _first_lines(text: str, limit: int = 500) -> str:
    return " ".join(text.split())[:limit]
