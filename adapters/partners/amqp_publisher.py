"""Publishing disclosures to AMQP partners on the disclosures exchange, with confirms.

Each partner reads its own queue, `meldpunt.partner.<code>`, bound to `<code>.#`; declaring it
here means a message is never confirmed and dropped for want of a queue."""

from kombu import Exchange, Producer, Queue

from adapters.bus.topology import connect
from adapters.db.disclosures import Delivery
from config.settings import Settings


def partner_queue(settings: Settings, partner: str) -> Queue:
    exchange = Exchange(settings.disclosures_exchange, type="topic", durable=True)
    return Queue(
        f"meldpunt.partner.{partner}", exchange=exchange, routing_key=f"{partner}.#", durable=True
    )


class Publisher:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.connection = connect(settings)
        self.declared: set[str] = set()

    def publish(self, delivery: Delivery) -> None:
        channel = self.connection.default_channel
        queue = partner_queue(self.settings, delivery.partner)
        if delivery.partner not in self.declared:
            queue.bind(channel).declare()
            self.declared.add(delivery.partner)
        Producer(channel, auto_declare=False).publish(
            delivery.payload,
            exchange=self.settings.disclosures_exchange,
            routing_key=f"{delivery.partner}.{delivery.form}.{delivery.event_type}",
            serializer="json",
            delivery_mode=2,
            message_id=delivery.key,
            headers={"x-meldpunt-form": delivery.form, "x-meldpunt-event": delivery.event_type},
            retry=True,
            retry_policy={"max_retries": self.settings.publish_max_retries},
            confirm_timeout=self.settings.publish_confirm_timeout_seconds,
        )

    def close(self) -> None:
        self.connection.release()
