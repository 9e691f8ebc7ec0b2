"""Figures for policy analysts: counts of cases by municipality, state and risk level, never a
person. Cells below the threshold are suppressed, and where a suppressed cell could be worked
out from the total, another is suppressed too (secondary suppression: the one method of
workflow/suppression.py, docs/figures.md)."""

from typing import Any

from sqlalchemy import Column, Engine, func, select

from adapters.db.tables import cases
from workflow.suppression import suppress as suppress_table

DIMENSIONS = ("municipality", "state", "risk_level")


def suppress(counts: dict[str, int], threshold: int) -> dict[str, int | None]:
    keys = list(counts)
    if not keys:
        return {}
    shown = suppress_table([[counts[k]] for k in keys], threshold)
    return {key: row[0] for key, row in zip(keys, shown.cells, strict=True)}


class Statistics:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def counts(self, threshold: int) -> dict[str, Any]:
        figures: dict[str, Any] = {}
        with self.engine.connect() as conn, conn.begin():
            total = conn.execute(select(func.count()).select_from(cases)).scalar_one()
            for name in DIMENSIONS:
                column: Column[Any] = cases.c[name]
                rows = conn.execute(select(column, func.count()).group_by(column))
                counts = {str(value) if value is not None else "none": n for value, n in rows}
                figures[name] = suppress(counts, threshold)
        return {"total": total if total >= threshold else None, "by": figures}
