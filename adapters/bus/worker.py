"""The broker worker: RabbitMQ -> event handlers, one of several competing consumers.

A message is acknowledged only after every handler of its event committed (each with its
handled-message row, inside bus.handle_event), so a crash before the ack means a redelivery
that those rows turn into a no-op. A failing handler gets the message requeued; the quorum
queue counts deliveries and on the last allowed one the worker dead-letters it with the error. A
malformed message is dead-lettered at once with the reason, so it never blocks the queue.

Messages that arrive together (up to the prefetch count) are handled as one batch, in one
database transaction (adapters/bus/batch.py), and acknowledged after it committed. When anything
in a batch fails, it rolls back and its messages are handled one at a time as described above.
"""

import threading
import time

import structlog
from kombu import Connection, Consumer
from kombu.message import Message

from adapters.bus.batch import EventBatches
from adapters.bus.dead_lettering import DeadLetterer
from adapters.bus.messages import Malformed, parse, raw_body
from adapters.bus.reconnect import Reconnect
from adapters.bus.topology import Topology, connect
from config.settings import Settings
from workflow.events import Event
from workflow.messagebus import MessageBus

log = structlog.get_logger(__name__)

HEARTBEAT_SECONDS = 30
DELIVERY_COUNT = "x-delivery-count"  # set by quorum queues: earlier deliveries of this message


class Worker:
    def __init__(
        self,
        bus: MessageBus,
        settings: Settings,
        url: str | None = None,
        batches: EventBatches | None = None,
    ) -> None:
        self.bus = bus
        self.settings = settings
        self.url = url
        self.batches = batches  # None: every message on its own
        self.topology = Topology.from_settings(settings)
        self.handled = 0
        self._arrived: list[Message] = []

    def run(self, stop: threading.Event, drain: bool = False) -> int:
        """Consume until `stop` is set (or, with `drain`, until the queue is empty).
        Reconnects after a broker failure. Returns how many messages it took."""
        log.info("worker started", queue=self.topology.queue.name, drain=drain)
        # Broker away: wait, reconnect; the messages not acknowledged yet are delivered again.
        reconnect = Reconnect(
            stop, self.settings.relay_max_backoff_seconds, "worker lost the broker, retrying"
        )
        reconnect.call(lambda: self._consume(stop, drain))  # returns once drained or stopped
        log.info("worker stopped", messages=self.handled)
        return self.handled

    def _consume(self, stop: threading.Event, drain: bool) -> bool:
        """One connection's life; True when drained."""
        # Dead letters go out on their own connection: waiting for a publish confirm on the
        # consuming connection would dispatch the next delivery in the middle of this one.
        # Heartbeats: a consumer only reads, so without them a silently dead broker would
        # look like an empty queue forever.
        consuming = connect(self.settings, self.url, confirm=False, heartbeat=HEARTBEAT_SECONDS)
        self._arrived.clear()  # taken on a connection now gone: the broker delivers them again
        with consuming as connection, DeadLetterer(self.settings, self.url, self.topology) as dead:
            connection.ensure_connection(max_retries=1)
            self.topology.declare(connection)
            channel = connection.channel()
            consumer = Consumer(
                channel, queues=[self.topology.queue], on_message=self._arrived.append
            )
            consumer.qos(prefetch_count=self.settings.broker_prefetch)
            with consumer:
                log.info("worker consuming", broker=connection.as_uri(include_password=False))
                while not stop.is_set():
                    connection.heartbeat_check()  # sends ours, notices the broker's missing
                    try:
                        connection.drain_events(timeout=1)
                    except TimeoutError:
                        if drain and self._queue_empty(connection):
                            return True
                        continue
                    self._take_arrived(connection)
                    self._handle_arrived(dead)
        return False

    def _take_arrived(self, connection: Connection) -> None:
        """Collect what the broker has already sent, without waiting, up to the prefetch count."""
        while len(self._arrived) < self.settings.broker_prefetch:
            try:
                connection.drain_events(timeout=0)
            except TimeoutError:
                return

    def _handle_arrived(self, dead: DeadLetterer) -> None:
        messages, self._arrived[:] = list(self._arrived), []
        self.handled += len(messages)
        self._handle(messages, dead)

    def _handle(self, messages: list[Message], dead: DeadLetterer) -> None:
        """Handle and acknowledge the messages that arrived together."""
        events: list[tuple[Message, Event]] = []
        for message in messages:
            if (event := self._parse(message, dead)) is not None:
                events.append((message, event))
        batch = [event for _, event in events]
        if self.batches is not None and len(batch) > 1 and self.batches.try_handle(batch):
            # One ack for the whole batch: every earlier delivery on this channel is settled
            # (handled, dead-lettered or requeued) or in this batch, and they arrived in order.
            events[-1][0].ack(multiple=True)
            return
        for message, event in events:
            self._handle_one(message, event, dead)

    def _queue_empty(self, connection: Connection) -> bool:
        declared = self.topology.queue.bind(connection.default_channel).queue_declare(passive=True)
        return int(declared.message_count) == 0

    def _parse(self, message: Message, dead: DeadLetterer) -> Event | None:
        try:
            return parse(raw_body(message), message.properties, message.headers or {})
        except Malformed as error:
            dead.send(message, str(error))
            message.ack()
            log.error(
                "malformed message dead-lettered",
                reason=str(error),
                message_id=message.properties.get("message_id"),
            )
            return None

    def _handle_one(self, message: Message, event: Event, dead: DeadLetterer) -> None:
        headers = message.headers or {}
        failures = []
        for name in self.bus.handler_names(type(event)):
            try:
                self.bus.handle_event(event, name)
            except Exception as error:  # isolate: the other handlers still run and commit
                log.exception("event handler failed", handler=name, event_id=str(event.event_id))
                failures.append(f"{name}: {type(error).__name__}: {error}")
        if not failures:
            message.ack()
            return
        self._failed(message, dead, "; ".join(failures), int(headers.get(DELIVERY_COUNT, 0)))

    def _failed(self, message: Message, dead: DeadLetterer, reason: str, earlier: int) -> None:
        if earlier >= self.settings.broker_delivery_limit:
            # The last delivery the queue allows: dead-letter it ourselves, with the reason.
            dead.send(message, reason)
            message.ack()
            log.error("event dead-lettered after repeated failures", deliveries=earlier + 1)
            return
        # Back off a little so a short database outage does not use up the delivery limit.
        time.sleep(min(self.settings.retry_backoff_seconds * 2**earlier, 10))
        message.requeue()
