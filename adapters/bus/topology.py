"""The RabbitMQ topology of the production mode, declared identically by every process.

    outbox --relay--> meldpunt.events (topic) --case.#--> meldpunt.handlers (quorum queue)
                                                               | delivery limit reached, or
                                                               | dead-lettered by a worker
                                                               v
                      meldpunt.events.dead (topic) ----#----> meldpunt.handlers.dead

Every process declares all of it before use: RabbitMQ confirms and drops a message that matches
no queue, so a relay publishing before the worker queue exists would lose events. Declaring is
idempotent as long as the arguments match, which is why they live in this one place.
"""

from dataclasses import dataclass

from kombu import Connection, Exchange, Queue

from config.settings import Settings

ROUTING_PREFIX = "case."


@dataclass(frozen=True)
class Topology:
    exchange: Exchange
    dead_letter_exchange: Exchange
    queue: Queue
    dead_letter_queue: Queue

    @classmethod
    def from_settings(cls, settings: Settings) -> "Topology":
        return cls.named(
            settings.broker_exchange,
            settings.broker_dead_letter_exchange,
            settings.broker_queue,
            settings.broker_dead_letter_queue,
            f"{ROUTING_PREFIX}#",
            settings.broker_delivery_limit,
        )

    @classmethod
    def named(
        cls,
        exchange_name: str,
        dead_exchange_name: str,
        queue_name: str,
        dead_queue_name: str,
        binding: str,
        delivery_limit: int,
    ) -> "Topology":
        """A topic exchange feeding one quorum queue, with its dead letters beside it."""
        exchange = Exchange(exchange_name, type="topic", durable=True)
        dead = Exchange(dead_exchange_name, type="topic", durable=True)
        queue = Queue(
            queue_name,
            exchange=exchange,
            routing_key=binding,
            durable=True,
            queue_arguments={
                # Quorum: replicated, and it counts deliveries so a poison message cannot loop.
                "x-queue-type": "quorum",
                "x-delivery-limit": delivery_limit,
                "x-dead-letter-exchange": dead_exchange_name,
                # at-least-once: the broker keeps a message until the dead-letter queue confirmed
                # it (needs reject-publish overflow), instead of dropping it on the way.
                "x-dead-letter-strategy": "at-least-once",
                "x-overflow": "reject-publish",
            },
        )
        # A classic queue: it is read by people, and listing requeues without counting.
        dead_queue = Queue(dead_queue_name, exchange=dead, routing_key="#", durable=True)
        return cls(exchange, dead, queue, dead_queue)

    def declare(self, connection: Connection) -> None:
        channel = connection.default_channel
        for entity in (
            self.exchange,
            self.dead_letter_exchange,
            self.dead_letter_queue,
            self.queue,
        ):
            entity.bind(channel).declare()


def routing_key(event_type: str) -> str:
    return f"{ROUTING_PREFIX}{event_type}"


def connect(
    settings: Settings, url: str | None = None, confirm: bool = True, heartbeat: float = 0
) -> Connection:
    """A connection whose publishes wait for the broker's confirm (nack or timeout raises).

    The socket timeouts make a peer that accepts TCP but never answers (a half-dead broker or a
    stuck proxy) an error instead of a process blocked forever in the AMQP handshake.
    """
    target = url or settings.broker_url
    if target is None:
        raise ValueError("MELDPUNT_BROKER_URL is not set")
    timeout = settings.publish_confirm_timeout_seconds
    return Connection(
        target,
        transport_options={
            "confirm_publish": confirm,
            "read_timeout": timeout,
            "write_timeout": timeout,
        },
        connect_timeout=5,
        heartbeat=heartbeat,
    )
