"""Delivering disclosures: webhooks by HTTP POST, AMQP partners through the disclosures
exchange, each partner by the channel it has in this mode (adapters/partners/channels.py). A
failure is retried with growing back-off, and after the last try the disclosure is dead with
its error. A partner without a channel is not tried: its disclosures wait, pending, and the
stuck-disclosure alert tells the team lead. Delivery is at least once: each message carries a
stable key (`Idempotency-Key` header, AMQP message id) for the receiver's dedupe."""

import threading
from datetime import UTC, datetime

import structlog
from standardwebhooks import Webhook

from adapters.db.disclosures import DEAD, Delivery, DisclosureStore
from adapters.ops.metrics import PARTNER_DELIVERIES, outcome
from adapters.partners import webhook
from adapters.partners.channels import WEBHOOK, PartnerChannels
from adapters.polling import poll
from config.settings import Settings

log = structlog.get_logger(__name__)


class PartnerDelivery:
    def __init__(
        self, store: DisclosureStore, settings: Settings, channels: PartnerChannels
    ) -> None:
        self.store = store
        self.settings = settings
        self.channels = channels

    def deliver_once(self, limit: int = 100) -> int:
        due = self.store.due(limit, tuple(self.channels.routes))
        publisher = None
        try:
            for delivery in due:
                channel = self.channels.routes[delivery.partner]
                try:
                    if channel == WEBHOOK:
                        self._post(delivery)
                    else:
                        if publisher is None:
                            from adapters.partners.amqp_publisher import Publisher

                            publisher = Publisher(self.settings)
                        publisher.publish(delivery)
                except Exception as error:  # any failure of one delivery is retried later
                    self._failed(delivery, str(error) or type(error).__name__)
                    PARTNER_DELIVERIES.labels(delivery.partner, outcome(error)).inc()
                else:
                    self.store.delivered(delivery.id, channel)
                    PARTNER_DELIVERIES.labels(delivery.partner, "ok").inc()
        finally:
            if publisher is not None:
                publisher.close()
        return len(due)

    def run(self, stop: threading.Event, interval_seconds: float = 1.0) -> None:
        poll(self.deliver_once, stop, interval_seconds, "partner delivery")

    def _post(self, delivery: Delivery) -> None:
        # A webhook route has its URL and its secret (adapters/partners/channels.py).
        url = self.settings.partner_webhooks[delivery.partner]
        secret = self.settings.partner_webhook_secrets[delivery.partner].get_secret_value()
        webhook.post(
            url,
            delivery.payload,
            self.settings.partner_webhook_timeout_seconds,
            delivery.key,
            Webhook(secret),
            # The wall clock, not the service's: the receiver checks it against its own.
            datetime.now(UTC),
        )

    def _failed(self, delivery: Delivery, error: str) -> None:
        status = self.store.failed(
            delivery,
            error,
            self.settings.partner_delivery_max_attempts,
            self.settings.partner_delivery_backoff_seconds,
        )
        level = log.error if status == DEAD else log.warning
        level("partner delivery failed", partner=delivery.partner, error=error, status=status)
