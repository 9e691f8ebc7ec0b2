"""One database transaction that many event-handler units of work join: the worker's batch
(adapters/bus/batch.py).

Each unit's commit writes its changes at once through the same writer as any unit
(adapters/db/commit.py), so a later handler reads what an earlier one changed; the batch commits
once at the end. Any failure leaves nothing: the transaction rolls back and the caller handles
the messages one at a time, each handler in its own transaction.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine


class SharedTransaction:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._handled: set[tuple[str, str]] = set()

    def already_handled(self, message_id: str, handler: str) -> bool:
        """Done earlier in this batch (a message the relay published twice can arrive twice in
        one batch). One handled before the batch is not looked up: its handled-message row
        makes the batch's insert fail, the batch rolls back, and one by one it is skipped.
        Redeliveries are rare; a look-up per handler run is not."""
        return (message_id, handler) in self._handled

    def record_handled(self, message_id: str, handler: str) -> None:
        self._handled.add((message_id, handler))


@contextmanager
def shared_transaction(engine: Engine) -> Iterator[SharedTransaction]:
    """Commit when the block ends normally; roll everything back when it raises."""
    with engine.connect() as connection, connection.begin():
        yield SharedTransaction(connection)
