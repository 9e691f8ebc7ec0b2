"""The hot path's statements, compiled once and run on the DB-API cursor itself.

A command loads its case row and writes a few rows. Through `Connection.execute` each of those
small statements costs more CPU in SQLAlchemy's execution machinery (execution context, events,
result metadata built from `cursor.description`) than the database needs to run it: about a
third of a command's time on this machine (docs/benchmarks.md). So these few statements are
still built with Core and compiled by SQLAlchemy, once per dialect, and then executed on the
driver's cursor: values go through the same type processors SQLAlchemy applies, and a driver
error comes out as the SQLAlchemy exception the rest of the code expects (a lost connection is
invalidated, as SQLAlchemy does). Every other statement keeps using `Connection.execute`.
"""

from collections import namedtuple
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy import Connection, Dialect, exc
from sqlalchemy.sql import ClauseElement

Processor = Callable[[Any], Any]


class DriverStatement:
    def __init__(
        self, statement: ClauseElement, dialect: Dialect, column_keys: list[str] | None = None
    ) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=column_keys)
        if compiled.insert_prefetch or compiled.update_prefetch or compiled.escaped_bind_names:  # type: ignore[attr-defined]
            raise ValueError("statement needs SQLAlchemy's own execution (defaults, escaping)")
        self.sql = compiled.string
        self.order: tuple[str, ...] | None = (
            tuple(compiled.positiontup or ()) if dialect.positional else None  # type: ignore[attr-defined]
        )
        self.binds: dict[str, Processor] = {}
        for name, bind in compiled.binds.items():  # type: ignore[attr-defined]
            if (process := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None:
                self.binds[name] = process
        columns = list(getattr(statement, "selected_columns", ()))
        self.row_type = (
            namedtuple("DriverRow", [str(c.key) for c in columns], rename=True) if columns else None
        )
        self.results: list[Processor | None] = [
            c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns
        ]

    def execute(self, connection: Connection, values: dict[str, Any]) -> Any:
        """Run with `values` by bind name; returns the DB-API cursor (the caller closes it)."""
        binds = self.binds
        params: Any = {k: binds[k](v) if k in binds else v for k, v in values.items()}
        if self.order is not None:
            params = [params[name] for name in self.order]
        driver = connection.connection.driver_connection
        assert driver is not None
        cursor = driver.cursor()
        try:
            cursor.execute(self.sql, params)
        except connection.dialect.loaded_dbapi.Error as error:
            cursor.close()
            raise _translated(connection, error, self.sql, params) from error
        return cursor

    def first(self, connection: Connection, values: dict[str, Any]) -> Any:
        """The first row, as a named tuple of processed values, or None."""
        cursor = self.execute(connection, values)
        try:
            raw = cursor.fetchone()
        finally:
            cursor.close()
        return None if raw is None else self._row(raw)

    def all(self, connection: Connection, values: dict[str, Any]) -> list[Any]:
        """Every row, as named tuples of processed values."""
        cursor = self.execute(connection, values)
        try:
            return [self._row(raw) for raw in cursor.fetchall()]
        finally:
            cursor.close()

    def _row(self, raw: Any) -> Any:
        assert self.row_type is not None, "not a SELECT"
        return self.row_type(*(p(v) if p else v for p, v in zip(self.results, raw, strict=True)))

    def scalar(self, connection: Connection, values: dict[str, Any]) -> Any:
        cursor = self.execute(connection, values)
        try:
            raw = cursor.fetchone()
        finally:
            cursor.close()
        return None if raw is None else raw[0]

    def rowcount(self, connection: Connection, values: dict[str, Any]) -> int:
        cursor = self.execute(connection, values)
        count: int = cursor.rowcount
        cursor.close()
        return count


def _translated(connection: Connection, error: Any, sql: str, params: Any) -> BaseException:
    """What SQLAlchemy would raise for this driver error, invalidating a lost connection."""
    dialect = connection.dialect
    lost = dialect.is_disconnect(error, connection.connection.dbapi_connection, None)
    if lost:
        connection.invalidate(error)
    translated: BaseException = exc.DBAPIError.instance(
        sql,
        params,
        error,
        dialect.loaded_dbapi.Error,
        hide_parameters=True,  # parameters hold encrypted and personal data
        connection_invalidated=lost,
        dialect=dialect,
    )
    return translated


_COMPILED: dict[tuple[type[Dialect], Hashable], DriverStatement] = {}
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
    found = _COMPILED.get((type(dialect), key))
    if found is None:
        if len(_COMPILED) >= _MAX:  # unusual shapes must not grow it forever
            _COMPILED.clear()
        found = _COMPILED[(type(dialect), key)] = DriverStatement(build(), dialect, column_keys)
    return found
