"""Looking at the dead-letter queue and putting messages back, for `meldpunt deadletters`.

Listing takes messages without acknowledging them and closes the channel, which returns them to
the queue unchanged. Replay publishes a copy (same body and message id, so it still dedupes)
straight to the queue it died in, waits for the confirm, and only then removes it here.
"""

from typing import Any

from kombu import Producer
from kombu.message import Message

from adapters.bus.dead_lettering import copied_properties
from adapters.bus.messages import (
    ERROR_HEADER,
    EVENT_TYPE_HEADER,
    ORIGIN_QUEUE_HEADER,
    REPLAYED_HEADER,
    raw_body,
)
from adapters.bus.topology import Topology, connect
from config.settings import Settings

# Headers that describe a past death; a replayed message starts clean.
_DEATH_HEADERS = (
    "x-death",
    "x-first-death-queue",
    "x-first-death-reason",
    "x-first-death-exchange",
    "x-delivery-count",
    ERROR_HEADER,
)


def describe(message: Message) -> dict[str, Any]:
    headers = message.headers or {}
    deaths = headers.get("x-death") or []
    broker_reason = deaths[0].get("reason") if deaths else None
    return {
        "message_id": message.properties.get("message_id"),
        "event_type": headers.get(EVENT_TYPE_HEADER) or message.properties.get("type"),
        "routing_key": (message.delivery_info or {}).get("routing_key"),
        "reason": headers.get(ERROR_HEADER) or broker_reason,
        "origin_queue": origin_queue(message, ""),
        "replayed": int(headers.get(REPLAYED_HEADER, 0)),
        "body": raw_body(message)[:200].decode("utf-8", errors="replace"),
    }


def origin_queue(message: Message, default: str) -> str:
    headers = message.headers or {}
    return str(headers.get(ORIGIN_QUEUE_HEADER) or headers.get("x-first-death-queue") or default)


def list_dead(settings: Settings, url: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    topology = Topology.from_settings(settings)
    with connect(settings, url) as connection:
        topology.declare(connection)
        channel = connection.channel()
        queue = topology.dead_letter_queue.bind(channel)
        found = []
        for _ in range(min(limit, _count(queue))):
            message = queue.get(no_ack=False)
            if message is None:
                break
            found.append(describe(message))
        channel.close()  # returns every message taken above, unacknowledged
    return found


def replay(settings: Settings, url: str | None = None, message_id: str | None = None) -> int:
    """Put dead letters back in their queue: one by message id, or all. Returns how many."""
    topology = Topology.from_settings(settings)
    replayed = 0
    with connect(settings, url) as connection:
        topology.declare(connection)
        channel = connection.channel()
        queue = topology.dead_letter_queue.bind(channel)
        producer = Producer(connection.default_channel, auto_declare=False)
        # Bounded by the count at the start: a message that dies again is not replayed twice.
        for _ in range(_count(queue)):
            message = queue.get(no_ack=False)
            if message is None:
                break
            if message_id is not None and message.properties.get("message_id") != message_id:
                continue  # left unacknowledged: returned when the channel closes
            headers = {k: v for k, v in (message.headers or {}).items() if k not in _DEATH_HEADERS}
            headers[REPLAYED_HEADER] = int(headers.get(REPLAYED_HEADER, 0)) + 1
            producer.publish(
                raw_body(message),
                exchange="",
                routing_key=origin_queue(message, topology.queue.name),
                headers=headers,
                **copied_properties(message),
                confirm_timeout=settings.publish_confirm_timeout_seconds,
            )
            message.ack()
            replayed += 1
            if message_id is not None:
                break
        channel.close()
    return replayed


def _count(queue: Any) -> int:
    return int(queue.queue_declare(passive=True).message_count)
