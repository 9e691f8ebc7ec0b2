"""A table of counts: categories down, periods across, with totals; suppressed for analysts
(workflow/suppression.py) or shown whole to whom may see it so."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workflow.suppression import suppress

Count = int | None  # None: suppressed


@dataclass(frozen=True)
class CountTable:
    table: str  # reports, cases
    dimension: str
    rows: list[str]  # category codes
    columns: list[str]  # period keys
    cells: list[list[Count]]
    row_totals: list[Count]
    column_totals: list[Count]
    total: Count
    threshold: int | None  # None: not suppressed

    def as_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "dimension": self.dimension,
            "columns": self.columns,
            "rows": [
                {
                    "category": code,
                    "counts": dict(zip(self.columns, cells, strict=True)),
                    "total": t,
                }
                for code, cells, t in zip(self.rows, self.cells, self.row_totals, strict=True)
            ],
            "column_totals": dict(zip(self.columns, self.column_totals, strict=True)),
            "total": self.total,
            "threshold": self.threshold,
            "suppressed": self.threshold is not None,
        }


def count_table(
    table: str,
    dimension: str,
    rows: list[str],
    columns: list[str],
    counts: Mapping[tuple[str, str], int],
    threshold: int | None,
) -> CountTable:
    """The table of `counts` by (category, period); a category or period without a count is 0,
    and one the database gave that `rows` lacks cannot appear (only known codes are shown)."""
    cells = [[counts.get((row, column), 0) for column in columns] for row in rows]
    if threshold is None:
        return CountTable(
            table,
            dimension,
            rows,
            columns,
            [list(r) for r in cells],
            [sum(r) for r in cells],
            [sum(r[j] for r in cells) for j in range(len(columns))],
            sum(map(sum, cells)),
            None,
        )
    shown = suppress(cells, threshold)
    return CountTable(
        table,
        dimension,
        rows,
        columns,
        shown.cells,
        shown.row_totals,
        shown.column_totals,
        shown.total,
        threshold,
    )
