"""Printing results: JSON for machines (--json, untouched), readable tables for people (Dutch
headers and words for codes, Amsterdam times: config/texts), errors to stderr."""

import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console
from rich.table import Table

from adapters.cli.errors import texts

# On a terminal rich fits the width; in a pipe it would cut lines at 80 columns and truncate
# case ids, so it gets room enough for a full row.
stdout = Console(width=None if sys.stdout.isatty() else 240)
stderr = Console(stderr=True)


def emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")


# Columns whose codes a person reads as words, and which kind of label says them.
LABELLED = {
    "state": "state",
    "risk_level": "risk",
    "suggested_risk_level": "risk",
    "deadline_kind": "deadline_kind",
    "closing_result": "closing_result",
    "kind": "notification",
    "scope": "consent_scope",
    "given_by": "consent_giver",
}


def _header(column: str) -> str:
    t = texts()
    return t(f"field.{column}") if f"field.{column}" in t.words else column


def _cell(column: str, value: Any) -> str:
    """A value as a person reads it: codes as words, moments in Amsterdam time, yes and no."""
    if value is None:
        return ""
    t = texts()
    if column in LABELLED and f"{LABELLED[column]}.{value}" in t.words:
        return t.label(LABELLED[column], value)
    if isinstance(value, bool):
        return t("field.yes") if value else t("field.no")
    if column.endswith("_at") and isinstance(value, str):
        try:
            return t.moment(value)
        except ValueError:
            return value
    return str(value)


def emit_table(rows: Iterable[Mapping[str, Any]], columns: list[str], title: str = "") -> None:
    table = Table(title=title or None)
    for column in columns:
        table.add_column(_header(column))
    for row in rows:
        table.add_row(*(_cell(c, row.get(c)) for c in columns))
    stdout.print(table)


def emit_fields(values: Mapping[str, Any], title: str = "") -> None:
    table = Table(title=title or None, show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    for key, value in values.items():
        table.add_row(_header(key), _cell(key, value))
    stdout.print(table)


def emit(value: Any, as_json: bool, columns: list[str] | None = None, title: str = "") -> None:
    if as_json:
        emit_json(value)
    elif isinstance(value, list):
        emit_table(value, columns or (list(value[0]) if value else []), title)
    else:
        emit_fields(value, title)
