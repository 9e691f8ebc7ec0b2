"""One database transaction that many event-handler units of work join: the worker's batch.

Each unit's commit writes its cases and history at once, so a later handler reads what an earlier
one changed; rows nothing in the batch reads back (notifications, disclosures, outbox and inbox
rows) wait and go in together at the end, one statement per table; the batch commits once. That
saves a connection check-out, a BEGIN, an inbox look-up, inserts and a COMMIT with its fsync per
handler run. Any failure leaves nothing: the transaction rolls back and the caller handles the
messages one at a time instead, each handler in its own transaction.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Table

from adapters.db.writes import insert_into


class SharedTransaction:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._handled: set[tuple[str, str]] = set()
        self._later: dict[Table, list[dict[str, object]]] = {}
        self.case_reads: dict[tuple[str, str], Any] = {}  # see SqlCaseRepository

    def already_handled(self, message_id: str, handler: str) -> bool:
        """Done earlier in this batch (a message the relay published twice can arrive twice in
        one batch). One handled before the batch is not looked up: its inbox row makes the
        batch's insert fail, the batch rolls back, and one by one it is skipped. Redeliveries are
        rare, and a look-up of the whole batch's ids costs a query per batch that PostgreSQL
        plans as a scan of the inbox until it has statistics on it."""
        return (message_id, handler) in self._handled

    def record_handled(self, message_id: str, handler: str) -> None:
        """Done in this batch; its inbox row comes through insert_later."""
        self._handled.add((message_id, handler))

    def insert_later(self, table: Table, rows: list[dict[str, object]]) -> None:
        """Insert at the end of the batch, in order, with the other rows for `table`."""
        self._later.setdefault(table, []).extend(rows)

    def write_later(self) -> None:
        for table, rows in self._later.items():
            self.connection.execute(insert_into(table), rows)
        self._later.clear()


@contextmanager
def shared_transaction(engine: Engine) -> Iterator[SharedTransaction]:
    """Commit when the block ends normally; roll everything back when it raises. A message
    handled before (a redelivery, or another worker was first) makes the inbox insert fail: a
    rollback too."""
    with engine.connect() as connection, connection.begin():
        shared = SharedTransaction(connection)
        yield shared
        shared.write_later()
