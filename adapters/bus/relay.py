"""The outbox relay: pending outbox rows -> RabbitMQ, each marked done only after the broker
confirmed it, in the same transaction that claimed it.

A crash between the confirm and the commit publishes the row again on the next claim; the copy
has the same message id and the workers' inbox makes it a no-op. The relay never marks a row it
could not publish, so a broker outage only grows the backlog.
"""

import threading
from typing import Any

import structlog
from kombu import Connection, Producer

from adapters.bus.messages import publish_arguments
from adapters.bus.topology import Topology, connect
from adapters.db.outbox import OutboxStore
from config.settings import Settings

log = structlog.get_logger(__name__)


class Relay:
    def __init__(self, store: OutboxStore, settings: Settings, url: str | None = None) -> None:
        self.store = store
        self.settings = settings
        self.url = url
        self.topology = Topology.from_settings(settings)
        self.connection: Connection | None = None
        self.producer: Producer | None = None

    def relay_once(self) -> int:
        """Publish one batch; returns how many rows were confirmed and marked done.

        Raises when the broker fails; the rows confirmed before the failure are still committed.
        """
        producer = self._producer()
        error: BaseException | None = None
        with self.store.claim_for_publish(self.settings.relay_batch_size) as claim:
            for row in claim.rows:
                try:
                    producer.publish(**publish_arguments(row), **self._publish_options())
                except Exception as failure:  # keep what was confirmed, then report
                    error = failure
                    break
                claim.published.append(row.id)
        if claim.published:
            log.info("events published", count=len(claim.published))
        if error is not None:
            raise error
        return len(claim.published)

    def run(self, stop: threading.Event) -> None:
        log.info("relay started", exchange=self.topology.exchange.name)
        backoff = 0.0
        while not stop.is_set():
            try:
                published = self.relay_once()
                backoff = 0.0
            except Exception as error:  # broker or database away: wait, reconnect, go on
                self.close()
                backoff = min(max(backoff * 2, 0.5), self.settings.relay_max_backoff_seconds)
                log.warning(
                    "relay failed, retrying",
                    error=f"{type(error).__name__}: {error}",
                    retry_in_seconds=backoff,
                )
                stop.wait(backoff)
                continue
            if published < self.settings.relay_batch_size:
                stop.wait(self.settings.relay_interval_seconds)
        self.close()
        log.info("relay stopped")

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.release()
            except Exception:  # a dead connection may fail to close; it is dropped either way
                log.debug("closing a broken broker connection failed", exc_info=True)
        self.connection = None
        self.producer = None

    def _producer(self) -> Producer:
        if self.producer is None:
            connection = connect(self.settings, self.url)
            connection.ensure_connection(max_retries=1)
            self.topology.declare(connection)
            self.connection = connection
            self.producer = Producer(
                connection.default_channel, exchange=self.topology.exchange, auto_declare=False
            )
            log.info("relay connected to broker", broker=connection.as_uri(include_password=False))
        return self.producer

    def _publish_options(self) -> dict[str, Any]:
        return {
            "retry": True,
            "retry_policy": {
                "max_retries": self.settings.publish_max_retries,
                "interval_start": 0,
                "interval_step": self.settings.publish_retry_interval_seconds,
                "interval_max": self.settings.publish_retry_interval_seconds * 4,
            },
            "confirm_timeout": self.settings.publish_confirm_timeout_seconds,
        }
