"""The hot path's statements, compiled once and run on the DB-API cursor itself.

A command loads its case row and writes a few rows. Through `Connection.execute` each of those
small statements costs more CPU in SQLAlchemy's execution machinery (execution context, events,
result metadata built from `cursor.description`) than the database needs to run it
(docs/benchmarks.md). So these few statements are still built with Core and compiled by
SQLAlchemy, once per dialect, and then executed on the driver's cursor: values go through the
same type processors SQLAlchemy applies, and a driver error is handled by SQLAlchemy itself
(translated, a lost connection and its pool invalidated). Every other statement keeps using
`Connection.execute`.

A statement runs in the connection's current transaction and does not begin one (SQLAlchemy's
execute would): use it inside a unit of work or an explicit `begin()`. Results with types whose
processing depends on the driver's type code (Numeric, Float) are refused when built.
"""

import weakref
from collections import namedtuple
from collections.abc import Callable, Hashable
from typing import Any, cast

from sqlalchemy import Connection, Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import Float, Numeric

Processor = Callable[[Any], Any]


class DriverStatement:
    """One statement, compiled for one dialect; values are passed by bind name."""

    def __init__(
        self, statement: ClauseElement, dialect: Dialect, column_keys: list[str] | None = None
    ) -> None:
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect, column_keys=column_keys))
        binds = compiled.binds
        needs_sqlalchemy = (
            compiled.insert_prefetch  # Python-side defaults
            or compiled.update_prefetch
            or compiled.escaped_bind_names
            or not all(b.required for b in binds.values())  # values of its own: literals
        )
        if needs_sqlalchemy:
            raise ValueError("statement needs SQLAlchemy's own execution (defaults, literals)")
        self.sql = compiled.string
        self.order = tuple(compiled.positiontup or ()) if dialect.positional else None
        self.binds: dict[str, Processor] = {}
        for name, bind in binds.items():
            if (process := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None:
                self.binds[name] = process
        columns = list(getattr(statement, "selected_columns", ()))
        if any(isinstance(c.type, Numeric | Float) for c in columns):
            raise ValueError("result types that need the driver's type code")
        names = [str(c.key) for c in columns]
        self.row_type = namedtuple("DriverRow", names, rename=True) if columns else None
        self.results: list[Processor | None] = [
            c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns
        ]

    def execute(self, connection: Connection, values: dict[str, Any]) -> Any:
        """Run with `values` by bind name; returns the DB-API cursor (the caller closes it)."""
        binds = self.binds
        params: Any = {k: binds[k](v) if k in binds else v for k, v in values.items()}
        if self.order is not None:
            params = [params[name] for name in self.order]
        cursor = None
        try:
            driver = connection.connection.driver_connection
            assert driver is not None, "connection is closed"
            cursor = driver.cursor()
            cursor.execute(self.sql, params)
        except BaseException as error:
            # What `Connection.execute` does with a failure: translate it, invalidate a lost
            # connection and, as the database restarted, the rest of the pool (private API,
            # the only way to get exactly SQLAlchemy's handling; it always raises).
            connection._handle_dbapi_exception(error, self.sql, params, cursor, None)
        return cursor

    def first(self, connection: Connection, values: dict[str, Any]) -> Any:
        """The first row, as a named tuple of processed values, or None."""
        rows = self._fetch(connection, values, one=True)
        return rows[0] if rows else None

    def all(self, connection: Connection, values: dict[str, Any]) -> list[Any]:
        """Every row, as named tuples of processed values."""
        return self._fetch(connection, values, one=False)

    def scalar(self, connection: Connection, values: dict[str, Any]) -> Any:
        """The first column of the first row, or None."""
        row = self.first(connection, values)
        return None if row is None else row[0]

    def rowcount(self, connection: Connection, values: dict[str, Any]) -> int:
        """Run a write; returns the rows it matched."""
        cursor = self.execute(connection, values)
        count: int = cursor.rowcount
        cursor.close()
        return count

    def _fetch(self, connection: Connection, values: dict[str, Any], one: bool) -> list[Any]:
        assert self.row_type is not None, "not a SELECT"
        cursor = self.execute(connection, values)
        try:
            if one:
                row = cursor.fetchone()
                raws = [] if row is None else [row]
            else:
                raws = cursor.fetchall()
        finally:
            cursor.close()
        make, results = self.row_type, self.results
        return [make(*(p(v) if p else v for p, v in zip(results, r, strict=True))) for r in raws]


# Per dialect instance: the compiled text can depend on its settings (paramstyle, server version).
_COMPILED: "weakref.WeakKeyDictionary[Dialect, dict[Hashable, DriverStatement]]" = (
    weakref.WeakKeyDictionary()
)
_MAX = 512


def driver_statement(
    connection: Connection,
    key: Hashable,
    build: Callable[[], ClauseElement],
    column_keys: list[str] | None = None,
) -> DriverStatement:
    """The statement for `key` on this connection's dialect, built and compiled the first time
    (`column_keys`: the columns an INSERT or UPDATE without explicit values sets)."""
    dialect = connection.dialect
    statements = _COMPILED.get(dialect)
    if statements is None:
        statements = _COMPILED.setdefault(dialect, {})
    found = statements.get(key)
    if found is None:
        if len(statements) >= _MAX:  # unusual shapes must not grow it forever
            statements.clear()
        found = statements[key] = DriverStatement(build(), dialect, column_keys)
    return found
