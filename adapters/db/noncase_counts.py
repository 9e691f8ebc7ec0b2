"""Counts of the non-case work per municipality and period (month, quarter or year): advice
questions (how many, how many led to a report, minutes spent) and held prevention activities per
kind (how many, participants, hours). Plain rows with every municipality of the region in every
period, zeros included, so that leaving one out reveals nothing; small-cell suppression is
applied on top of them (the figures). No free text is read.

The database groups by municipality, year and month (what it returns is at most 14 x 12 rows a
year per measure, whatever it holds); months fold into quarters and years here."""

from collections.abc import Iterator, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, case, extract, func, select

from adapters.db.tables import advice_questions, prevention_activities
from workflow.prevention import PreventionKind, Status

Row = dict[str, Any]


class Period(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def period_of(year: int, month: int, period: Period) -> str:
    """The label of the period a month lies in: "2026-11", "2026-Q4" or "2026"."""
    if period is Period.MONTH:
        return f"{year}-{month:02d}"
    if period is Period.QUARTER:
        return f"{year}-Q{(month - 1) // 3 + 1}"
    return str(year)


def periods(start: date, end: date, period: Period) -> list[str]:
    """Every period from the one `start` lies in to the one `end` lies in, in order."""
    labels: list[str] = []
    for year, month in _months(start, end):
        label = period_of(year, month, period)
        if not labels or labels[-1] != label:
            labels.append(label)
    return labels


def _months(start: date, end: date) -> Iterator[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class NonCaseCounts:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def advice(
        self, municipalities: Sequence[str], period: Period, start: date, end: date
    ) -> list[Row]:
        """Per period and municipality: `advice_questions`, `led_to_report`, `minutes`."""
        t = advice_questions.c
        measures = (
            func.count().label("advice_questions"),
            func.sum(case((t.led_to_report, 1), else_=0)).label("led_to_report"),
            func.sum(t.minutes).label("minutes"),
        )
        query = (
            select(t.municipality, extract("year", t.asked_on), extract("month", t.asked_on))
            .add_columns(*measures)
            .where(t.asked_on >= start, t.asked_on <= end)
            .group_by(t.municipality, extract("year", t.asked_on), extract("month", t.asked_on))
        )
        names = ("advice_questions", "led_to_report", "minutes")
        return self._fold(query, names, municipalities, period, start, end, [{}])

    def activities(
        self, municipalities: Sequence[str], period: Period, start: date, end: date
    ) -> list[Row]:
        """Per period, municipality and kind of activity, of the held ones: `held`,
        `participants`, `hours`."""
        t = prevention_activities.c
        query = (
            select(t.municipality, extract("year", t.day), extract("month", t.day), t.kind)
            .add_columns(
                func.count().label("held"),
                func.sum(t.participants).label("participants"),
                func.sum(t.hours).label("hours"),
            )
            .where(t.status == Status.HELD.value, t.day >= start, t.day <= end)
            .group_by(t.municipality, extract("year", t.day), extract("month", t.day), t.kind)
        )
        kinds = [{"kind": kind.value} for kind in PreventionKind]
        return self._fold(
            query, ("held", "participants", "hours"), municipalities, period, start, end, kinds
        )

    def _fold(
        self,
        query: Any,
        names: Sequence[str],
        municipalities: Sequence[str],
        period: Period,
        start: date,
        end: date,
        splits: list[Row],
    ) -> list[Row]:
        """Every (period, municipality, split) row, zeros where the database had none."""
        rows: dict[tuple[Any, ...], Row] = {}
        for label in periods(start, end, period):
            for municipality in municipalities:
                for split in splits:
                    key = (label, municipality, *split.values())
                    rows[key] = {"period": label, "municipality": municipality, **split}
                    rows[key].update(dict.fromkeys(names, 0))
        with self.engine.connect() as conn:
            found = list(conn.execute(query))
        for found_row in found:
            municipality, year, month, *rest = found_row
            extra, values = rest[: len(splits[0])], rest[len(splits[0]) :]
            key = (period_of(int(year), int(month), period), municipality, *extra)
            if key not in rows:  # a municipality no longer in the region's list
                continue
            for name, value in zip(names, values, strict=True):
                rows[key][name] += value or 0
        return list(rows.values())
