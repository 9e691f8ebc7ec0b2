"""Figures for policy analysts: counts of cases by municipality, state and risk level, never a
person. Cells below the threshold are suppressed, and where one suppressed cell could be worked
out from the total, the next smallest is suppressed too (secondary suppression)."""

from typing import Any

from sqlalchemy import Column, Engine, func, select

from adapters.db.tables import cases

DIMENSIONS = ("municipality", "state", "risk_level")


def suppress(counts: dict[str, int], threshold: int) -> dict[str, int | None]:
    shown: dict[str, int | None] = {k: (v if v >= threshold else None) for k, v in counts.items()}
    hidden = [k for k, v in shown.items() if v is None]
    if len(hidden) == 1:
        visible = sorted((v, k) for k, v in shown.items() if v is not None)
        if visible:
            shown[visible[0][1]] = None
    return shown


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
