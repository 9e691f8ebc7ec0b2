"""The outbox relay: pending outbox rows -> RabbitMQ, each marked done only after the broker
confirmed it, in the same transaction that claimed it. A batch is published in one go and its
confirms collected together (adapters/bus/confirms.py), persistent, with the event id as message id.

A crash between the confirm and the commit publishes the row again on the next claim; the copy
has the same message id and the handled-message rows make it a no-op. The relay never marks a row it
could not publish, so a broker outage only grows the backlog.
"""

import threading

import structlog
from kombu import Connection, Producer

from adapters.bus.confirms import BatchConfirms
from adapters.bus.messages import publish_arguments
from adapters.bus.reconnect import Reconnect
from adapters.bus.topology import Topology, connect
from adapters.db.outbox import OutboxStore
from adapters.ops.metrics import EVENTS_RELAYED
from config.settings import Settings

log = structlog.get_logger(__name__)


class RefusedByBroker(Exception):
    """The broker nacked messages: their rows stay pending and are tried again after a pause."""


class Relay:
    def __init__(self, store: OutboxStore, settings: Settings, url: str | None = None) -> None:
        self.store = store
        self.settings = settings
        self.url = url
        self.topology = Topology.from_settings(settings)
        self.connection: Connection | None = None
        self.producer: Producer | None = None
        self.confirms: BatchConfirms | None = None

    def relay_once(self) -> int:
        """Publish one batch; returns how many rows were confirmed and marked done.

        Raises when the broker fails or refuses; the rows confirmed before that are still
        committed as done, the others stay pending.
        """
        producer, confirms = self._producer()
        error: Exception | None = None
        with self.store.claim_for_publish(self.settings.relay_batch_size) as claim:
            rows_by_tag: dict[int, int] = {}
            try:
                for row in claim.rows:
                    producer.publish(**publish_arguments(row))
                    rows_by_tag[confirms.published()] = row.id
                confirms.wait(self.settings.publish_confirm_timeout_seconds)
            except Exception as failure:  # keep what was confirmed, then report
                error = failure
            acked = confirms.take_acked()
            claim.published.extend(row_id for tag, row_id in rows_by_tag.items() if tag in acked)
        if claim.published:
            log.info("events published", count=len(claim.published))
            EVENTS_RELAYED.inc(len(claim.published))
        if error is None and len(claim.published) < len(claim.rows):
            error = RefusedByBroker(f"{len(claim.rows) - len(claim.published)} messages nacked")
        if error is not None:
            raise error
        return len(claim.published)

    def run(self, stop: threading.Event) -> None:
        log.info("relay started", exchange=self.topology.exchange.name)
        # Broker or database away: wait, reconnect, go on.
        reconnect = Reconnect(
            stop, self.settings.relay_max_backoff_seconds, "relay failed, retrying"
        )
        while (published := reconnect.call(self._relay_or_close)) is not None:
            if published < self.settings.relay_batch_size:
                stop.wait(self.settings.relay_interval_seconds)
        self.close()
        log.info("relay stopped")

    def _relay_or_close(self) -> int:
        try:
            return self.relay_once()
        except Exception:
            self.close()  # the next try connects afresh
            raise

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.release()
            except Exception:  # a dead connection may fail to close; it is dropped either way
                log.debug("closing a broken broker connection failed", exc_info=True)
        self.connection = None
        self.producer = None
        self.confirms = None

    def _producer(self) -> tuple[Producer, BatchConfirms]:
        if self.producer is None or self.confirms is None:
            connection = connect(self.settings, self.url, confirm=False)  # BatchConfirms does it
            self.connection = connection
            connection.ensure_connection(
                max_retries=self.settings.publish_max_retries,  # bounded: run() backs off after
                interval_start=0,
                interval_step=self.settings.publish_retry_interval_seconds,
                interval_max=self.settings.publish_retry_interval_seconds * 4,
            )
            self.topology.declare(connection)
            self.confirms = BatchConfirms(connection)
            self.producer = Producer(
                connection.default_channel, exchange=self.topology.exchange, auto_declare=False
            )
            log.info("relay connected to broker", broker=connection.as_uri(include_password=False))
        return self.producer, self.confirms
