"""Periods in SQL: a moment's period key by comparing it with the periods' UTC bounds, the same
on every database and able to use the index on the moment's column."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, case, literal

from workflow.figures.periods import Period


def period_of(moment: ColumnElement[Any], periods: Sequence[Period]) -> ColumnElement[str]:
    """The key of the period `moment` falls in (within the first to the last period)."""
    whens = [(moment < p.end, literal(p.key)) for p in periods[:-1]]
    last = literal(periods[-1].key)
    return case(*whens, else_=last) if whens else last


def in_periods(moment: ColumnElement[Any], periods: Sequence[Period]) -> ColumnElement[bool]:
    return and_(moment >= periods[0].start, moment < periods[-1].end)
