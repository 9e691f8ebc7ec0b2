"""Partner events from RabbitMQ: `meldpunt.partners` (topic), routing key
`partner.<partner>.<type>`, into the quorum queue `meldpunt.partners.inbound`.

The consuming loop is the broker worker's (reconnects, heartbeats, drain); what differs is the
message: a CloudEvent that becomes a command. A refused event is dead-lettered at once with its
reason and acknowledged, so it never blocks the queue; an error of ours (the database away) is
requeued and counted against the delivery limit."""

import structlog
from kombu.message import Message

from adapters.bus.dead_lettering import DeadLetterer
from adapters.bus.messages import raw_body
from adapters.bus.topology import Topology
from adapters.bus.worker import DELIVERY_COUNT, Worker
from adapters.partners.inbound import Outcome, PartnerInbound
from config.settings import Settings
from workflow.messagebus import MessageBus

log = structlog.get_logger(__name__)


def partner_topology(settings: Settings) -> Topology:
    return Topology.named(
        settings.partner_exchange,
        f"{settings.partner_exchange}.dead",
        settings.partner_queue,
        f"{settings.partner_queue}.dead",
        "partner.#",
        settings.broker_delivery_limit,
    )


def published_as(message: Message) -> str:
    """The partner whose routing key carried the message: the broker's permissions vouch for it."""
    parts = str((message.delivery_info or {}).get("routing_key", "")).split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "partner" else "(none)"


class PartnerConsumer(Worker):
    def __init__(
        self, inbound: PartnerInbound, bus: MessageBus, settings: Settings, url: str | None = None
    ) -> None:
        super().__init__(bus, settings, url)
        self.topology = partner_topology(settings)
        self.inbound = inbound
        self.outcomes: dict[str, int] = {}

    def _handle(self, messages: list[Message], dead: DeadLetterer) -> None:
        # One at a time: each partner event is a command with its own transaction.
        for message in messages:
            self._on_message(message, dead)

    def _on_message(self, message: Message, dead: DeadLetterer) -> None:
        try:
            result = self.inbound.handle(raw_body(message), published_as(message))
        except Exception as error:  # ours, not the partner's: try again later
            log.exception("partner event failed, requeued")
            earlier = int((message.headers or {}).get(DELIVERY_COUNT, 0))
            self._failed(message, dead, f"{type(error).__name__}: {error}", earlier)
            return
        self.outcomes[result.outcome] = self.outcomes.get(result.outcome, 0) + 1
        if result.outcome is Outcome.REFUSED:
            dead.send(message, result.reason)
            log.error(
                "partner event dead-lettered", reason=result.reason, partner=published_as(message)
            )
        message.ack()
