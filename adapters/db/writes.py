"""The writes of one commit, sent in as few round trips as the database allows.

On PostgreSQL the case's version-checked UPDATE and every INSERT of the commit (history, outbox,
notifications, inbox...) go as one statement, the inserts as data-modifying CTEs: one round trip
instead of four or five. Foreign keys are checked at the end of the statement, so a new case and
its history can share it. On SQLite, where there is no round trip to save (and no DML in CTEs),
each write is its own statement, in the order it was added.

Each shape of commit (which tables, how many rows, which columns) is built once with named
parameters; later commits of that shape only bind values, so SQLAlchemy's compiled cache hits.
"""

from typing import Any

from sqlalchemy import Connection, Executable, Table, bindparam, insert, update

from adapters.db.tables import cases
from workflow.errors import ConcurrencyConflict

Row = dict[str, Any]
_SAVE = update(cases).where(
    cases.c.id == bindparam("loaded_id"), cases.c.version == bindparam("loaded_version")
)
_INSERT: dict[Table, Executable] = {}
_COMBINED: dict[tuple[Any, ...], Executable] = {}


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

    def send(self, connection: Connection) -> None:
        """Raises ConcurrencyConflict when a saved case changed since it was loaded."""
        combine = (
            connection.dialect.name == "postgresql"
            and len(self.saves) <= 1
            and not self.statements
            and len(self.inserts) + len(self.saves) > 1
        )
        if combine:
            self._send_combined(connection)
        else:
            self._send_each(connection)

    def _send_each(self, connection: Connection) -> None:
        for case_id, loaded, values in self.saves:
            params = {"loaded_id": case_id, "loaded_version": loaded, **values}
            if connection.execute(_SAVE, params).rowcount != 1:
                raise ConcurrencyConflict(case_id, loaded)
        for table, rows in self.inserts:
            statement = _INSERT.setdefault(table, insert(table))
            # One row, the usual case, is one plain INSERT rather than the executemany path.
            connection.execute(statement, rows[0] if len(rows) == 1 else rows)
        for statement in self.statements:
            connection.execute(statement)

    def _send_combined(self, connection: Connection) -> None:
        shape = (
            tuple(sorted(self.saves[0][2])) if self.saves else None,
            tuple((table.name, len(rows), tuple(rows[0])) for table, rows in self.inserts),
        )
        statement = _COMBINED.get(shape)
        if statement is None:
            statement = _COMBINED[shape] = self._build()
        params: Row = {}
        for n, (_, rows) in enumerate(self.inserts):
            for m, row in enumerate(rows):
                params.update({f"w{n}_{m}_{key}": value for key, value in row.items()})
        if not self.saves:
            connection.execute(statement, params)
            return
        case_id, loaded, values = self.saves[0]
        params |= {"loaded_id": case_id, "loaded_version": loaded, **values}
        if connection.execute(statement, params).rowcount != 1:
            raise ConcurrencyConflict(case_id, loaded)

    def _build(self) -> Executable:
        parts = [
            insert(table).values(
                [
                    {key: bindparam(f"w{n}_{m}_{key}", type_=table.c[key].type) for key in row}
                    for m, row in enumerate(rows)
                ]
            )
            for n, (table, rows) in enumerate(self.inserts)
        ]
        if self.saves:
            return _SAVE.add_cte(*(part.cte(f"w{n}") for n, part in enumerate(parts)))
        first, *rest = parts
        return first.add_cte(*(part.cte(f"w{n + 1}") for n, part in enumerate(rest)))
