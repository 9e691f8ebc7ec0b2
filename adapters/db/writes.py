"""The writes of one commit, sent in as few round trips as the database allows.

On PostgreSQL the case's version-checked UPDATE and every INSERT of the commit (history, outbox,
notifications, inbox...) go as one statement: the UPDATE and the inserts are data-modifying CTEs,
and the inserts take their row from the UPDATE's RETURNING, so when the version check fails
nothing at all is written. One statement is one transaction, so outside a batch it needs no
BEGIN or COMMIT round trip either. Foreign keys are checked at the end of the statement, so a new
case and its history can share it. On SQLite, where there is no round trip to save (and no DML in
CTEs), each write is its own statement, in the order it was added, inside the unit's transaction.

Each shape of commit (which tables, how many rows, which columns) is built and compiled once,
then run on the driver's cursor (adapters/db/driver.py); later commits of that shape only bind
values.
"""

from functools import partial
from typing import Any

from sqlalchemy import (
    ClauseElement,
    Connection,
    Executable,
    Insert,
    Table,
    bindparam,
    func,
    insert,
    select,
    update,
)

from adapters.db.driver import driver_statement
from adapters.db.tables import cases
from workflow.errors import ConcurrencyConflict

Row = dict[str, Any]
_VERSION_CHECK = (
    cases.c.id == bindparam("loaded_id"),
    cases.c.version == bindparam("loaded_version"),
)
_SAVE = update(cases).where(*_VERSION_CHECK)
_INSERT: dict[Table, Insert] = {}


def insert_into(table: Table) -> Insert:
    """The table's INSERT, built once: executed with dicts of values, its compiled form is
    found in SQLAlchemy's cache instead of being built per commit."""
    if (statement := _INSERT.get(table)) is None:
        statement = _INSERT[table] = insert(table)
    return statement


class Writes:
    def __init__(self) -> None:
        self.saves: list[tuple[str, int, Row]] = []  # case id, version loaded, new values
        self.inserts: list[tuple[Table, list[Row]]] = []
        self.statements: list[Executable] = []  # other updates: rare, sent on their own

    def save_case(self, case_id: str, loaded_version: int, values: Row) -> None:
        self.saves.append((case_id, loaded_version, values))

    def insert(self, table: Table, rows: list[Row]) -> None:
        if rows:
            self.inserts.append((table, rows))

    def execute(self, statement: Executable) -> None:
        self.statements.append(statement)

    @property
    def one_statement(self) -> bool:
        return len(self.saves) <= 1 and not self.statements and bool(self.saves or self.inserts)

    def send(self, connection: Connection, in_transaction: bool) -> None:
        """Write everything or nothing; raises ConcurrencyConflict when a saved case changed
        since it was loaded. Without `in_transaction` (PostgreSQL in autocommit) several
        statements are wrapped in a transaction of their own."""
        if connection.dialect.name == "postgresql" and self.one_statement:
            self._send_combined(connection)
        elif in_transaction:
            self._send_each(connection)
        else:
            connection.exec_driver_sql("BEGIN")
            try:
                self._send_each(connection)
            except BaseException:
                connection.exec_driver_sql("ROLLBACK")
                raise
            connection.exec_driver_sql("COMMIT")

    def _send_each(self, connection: Connection) -> None:
        for case_id, loaded, values in self.saves:
            keys = list(values)
            save = driver_statement(connection, ("save", *keys), lambda: _SAVE, keys)
            params = {"loaded_id": case_id, "loaded_version": loaded, **values}
            if save.rowcount(connection, params) != 1:
                raise ConcurrencyConflict(case_id, loaded)
        for table, rows in self.inserts:
            if len(rows) == 1:  # the usual case: one plain INSERT
                keys = list(rows[0])
                add = driver_statement(
                    connection, ("insert", table.name, *keys), partial(insert_into, table), keys
                )
                add.rowcount(connection, rows[0])
            else:
                connection.execute(insert_into(table), rows)
        for statement in self.statements:
            connection.execute(statement)

    def _send_combined(self, connection: Connection) -> None:
        shape = (
            tuple(self.saves[0][2]) if self.saves else None,
            tuple((table.name, len(rows), tuple(rows[0])) for table, rows in self.inserts),
        )
        statement = driver_statement(connection, ("combined", shape), self._build)
        params: Row = {}
        for n, (_, rows) in enumerate(self.inserts):
            for m, row in enumerate(rows):
                params.update({f"w{n}_{m}_{key}": value for key, value in row.items()})
        if not self.saves:
            statement.rowcount(connection, params)
            return
        case_id, loaded, values = self.saves[0]
        params |= {"loaded_id": case_id, "loaded_version": loaded}
        params |= {f"s_{key}": value for key, value in values.items()}
        if statement.scalar(connection, params) != 1:
            raise ConcurrencyConflict(case_id, loaded)

    def _build(self) -> ClauseElement:
        """One single-row INSERT per row (SQLAlchemy does not cache multi-row VALUES)."""
        rows = [
            (table, {key: bindparam(f"w{n}_{m}_{key}", type_=table.c[key].type) for key in row})
            for n, (table, table_rows) in enumerate(self.inserts)
            for m, row in enumerate(table_rows)
        ]
        if not self.saves:
            first, *rest = [insert(table).values(values) for table, values in rows]
            return first.add_cte(*(part.cte(f"w{i}") for i, part in enumerate(rest)))
        changed = {key: bindparam(f"s_{key}", type_=cases.c[key].type) for key in self.saves[0][2]}
        saved = (
            update(cases).where(*_VERSION_CHECK).values(changed).returning(cases.c.id).cte("saved")
        )
        # Each insert selects its one row from `saved`: no row there, nothing written.
        inserts = [
            insert(table)
            .from_select(list(values), select(*values.values()).select_from(saved))
            .cte(f"w{i}")
            for i, (table, values) in enumerate(rows)
        ]
        return select(func.count()).select_from(saved).add_cte(*inserts)
