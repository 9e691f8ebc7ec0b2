"""Sending a message to the dead letters with the reason, on a connection of its own."""

from types import TracebackType
from typing import Any, Self

from kombu import Connection, Producer
from kombu.message import Message

from adapters.bus.messages import ERROR_HEADER, ORIGIN_QUEUE_HEADER, raw_body
from adapters.bus.topology import Topology, connect
from config.settings import Settings


class DeadLetterer:
    def __init__(self, settings: Settings, url: str | None, topology: Topology) -> None:
        self.settings = settings
        self.url = url
        self.topology = topology
        self.connection: Connection | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.connection is not None:
            self.connection.release()
            self.connection = None

    def send(self, message: Message, reason: str) -> None:
        """Publish a copy with the reason and wait for the confirm; the caller then acks."""
        if self.connection is None:  # opened on first use: most workers never need it
            self.connection = connect(self.settings, self.url)
        producer = Producer(self.connection.default_channel, auto_declare=False)
        producer.publish(
            raw_body(message),
            exchange=self.topology.dead_letter_exchange.name,
            routing_key=(message.delivery_info or {}).get("routing_key") or "",
            headers={
                **(message.headers or {}),
                ERROR_HEADER: reason[:2000],
                ORIGIN_QUEUE_HEADER: self.topology.queue.name,
            },
            **copied_properties(message),
            retry=True,
            retry_policy={"max_retries": self.settings.publish_max_retries},
            confirm_timeout=self.settings.publish_confirm_timeout_seconds,
        )


def copied_properties(message: Message) -> dict[str, Any]:
    """The properties worth keeping when a message is copied to another queue."""
    properties = message.properties or {}
    copied: dict[str, Any] = {
        "content_type": message.content_type or "application/octet-stream",
        "content_encoding": message.content_encoding or "binary",
        "delivery_mode": 2,
    }
    for key in ("message_id", "type", "correlation_id", "timestamp"):
        if properties.get(key) is not None:
            copied[key] = properties[key]
    return copied
