"""Printing results: JSON for machines (--json), readable tables for people, errors to stderr."""

import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console
from rich.table import Table

# On a terminal rich fits the width; in a pipe it would cut lines at 80 columns and truncate
# case ids, so it gets room enough for a full row.
stdout = Console(width=None if sys.stdout.isatty() else 240)
stderr = Console(stderr=True)


def emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")


def emit_table(rows: Iterable[Mapping[str, Any]], columns: list[str], title: str = "") -> None:
    table = Table(title=title or None)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    stdout.print(table)


def emit_fields(values: Mapping[str, Any], title: str = "") -> None:
    table = Table(title=title or None, show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    for key, value in values.items():
        table.add_row(key, "" if value is None else str(value))
    stdout.print(table)


def emit(value: Any, as_json: bool, columns: list[str] | None = None, title: str = "") -> None:
    if as_json:
        emit_json(value)
    elif isinstance(value, list):
        emit_table(value, columns or (list(value[0]) if value else []), title)
    else:
        emit_fields(value, title)
