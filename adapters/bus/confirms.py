"""Publisher confirms for a whole batch: publish every message, then wait for the broker's acks.

kombu's `confirm_publish=True` waits for each message's confirm before sending the next, one
round trip (and, on a quorum queue, one disk sync) per message: that capped the relay at a few
hundred events a second. Here the channel is put in confirm mode and the acks are collected as
they arrive; the broker numbers the messages of a channel 1, 2, 3... in publish order and may ack
several at once (`multiple`). A message counts as published only once its own ack arrived;
a nack, a timeout or a lost connection leaves it unconfirmed, and the relay leaves its row pending.
"""

import time
from typing import Any

from kombu import Connection


class ConfirmTimeout(Exception):
    """The broker did not confirm every message in time; the unconfirmed ones stay pending."""


class BatchConfirms:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        channel: Any = connection.default_channel  # py-amqp's channel: confirm mode, events
        channel.confirm_select()
        channel.events["basic_ack"].add(self._on_ack)
        channel.events["basic_nack"].add(self._on_nack)
        self.sent = 0  # the broker's delivery tag of the last message published on the channel
        self.outstanding: set[int] = set()
        self.acked: set[int] = set()
        self.nacked: set[int] = set()

    def published(self) -> int:
        """Record one publish on the channel; returns its delivery tag."""
        self.sent += 1
        self.outstanding.add(self.sent)
        return self.sent

    def wait(self, timeout: float) -> None:
        """Wait until every published message is acked or nacked; ConfirmTimeout otherwise."""
        deadline = time.monotonic() + timeout
        while self.outstanding:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ConfirmTimeout(f"{len(self.outstanding)} messages unconfirmed")
            try:
                self.connection.drain_events(timeout=remaining)
            except TimeoutError:
                continue

    def take_acked(self) -> set[int]:
        acked, self.acked = self.acked, set()
        self.nacked.clear()
        return acked

    def _on_ack(self, delivery_tag: int, multiple: bool, *_: Any) -> None:
        self.acked |= self._settle(delivery_tag, multiple)

    def _on_nack(self, delivery_tag: int, multiple: bool, *_: Any) -> None:
        self.nacked |= self._settle(delivery_tag, multiple)

    def _settle(self, delivery_tag: int, multiple: bool) -> set[int]:
        settled = {t for t in self.outstanding if t <= delivery_tag} if multiple else {delivery_tag}
        self.outstanding -= settled
        return settled
