"""The commit: everything one unit of work wrote, sent in one transaction.

A unit of work collects its writes as `Changes`: the versioned saves of the cases it changed,
the rows to insert per table (new cases and reports, history, outbox, the handled-message row,
notifications, disclosures, links, consents) and the few other updates (a duplicate decision, a
consent withdrawal). `write` sends them on the unit's connection, inside its transaction, through
`Connection.execute` on Core statements; SQLAlchemy caches their compiled form.

The saves go first, each with its version check, so a case changed since it was read raises
`ConcurrencyConflict` before anything else is written (and the caller rolls back); then the
inserts, one statement per table in the order they were collected (a new case before its
report and history); then the other updates; last the access-log rows, appended to the chain.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Executable, Insert, Table, bindparam, insert, update

from adapters.db import access_chain
from adapters.db.tables import cases
from workflow.access import AccessEntry
from workflow.errors import ConcurrencyConflict

Row = dict[str, Any]

_SAVE = update(cases).where(
    cases.c.id == bindparam("loaded_id"), cases.c.version == bindparam("loaded_version")
)
_INSERTS: dict[Table, Insert] = {}


@dataclass(frozen=True)
class CaseSave:
    """A changed case: its new column values, written only if it still has `loaded_version`."""

    case_id: str
    loaded_version: int
    values: Row


@dataclass
class Changes:
    saves: list[CaseSave] = field(default_factory=list)
    inserts: dict[Table, list[Row]] = field(default_factory=dict)
    updates: list[Executable] = field(default_factory=list)
    accesses: list[tuple[AccessEntry, str | None]] = field(default_factory=list)
    at: datetime | None = None  # when the access-log rows are recorded

    def insert(self, table: Table, rows: Sequence[Row]) -> None:
        if rows:
            self.inserts.setdefault(table, []).extend(rows)

    def log_access(self, entry: AccessEntry, subject_key: str | None, at: datetime) -> None:
        self.accesses.append((entry, subject_key))
        self.at = at

    def __bool__(self) -> bool:
        return bool(self.saves or self.inserts or self.updates or self.accesses)


def write(connection: Connection, changes: Changes) -> None:
    """Send `changes` in the connection's transaction; raises ConcurrencyConflict when a saved
    case changed since it was loaded. Committing is the caller's."""
    for save in changes.saves:
        params = {"loaded_id": save.case_id, "loaded_version": save.loaded_version, **save.values}
        if connection.execute(_SAVE, params).rowcount != 1:
            raise ConcurrencyConflict(save.case_id, save.loaded_version)
    for table, rows in changes.inserts.items():
        connection.execute(insert_into(table), rows)
    for statement in changes.updates:
        connection.execute(statement)
    if changes.accesses and changes.at is not None:
        access_chain.append(connection, changes.accesses, changes.at)


def insert_into(table: Table) -> Insert:
    """The table's INSERT, built once per table (its compiled form is SQLAlchemy's to cache)."""
    if (statement := _INSERTS.get(table)) is None:
        statement = _INSERTS[table] = insert(table)
    return statement
