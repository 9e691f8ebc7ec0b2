"""The moments lead times are measured between, per case reported in the periods asked: when
it was received, first assessed, first given feedback, first in case direction and first given
a plan of approach (migration 0015's milestones), and the moves between states. Working days
need the Dutch calendar, so these come back a row per case; they hold no personal data."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select

from adapters.db.figure_periods import in_periods, period_of
from adapters.db.tables import case_history, case_milestones, cases
from workflow.figures.periods import Period


def _first(kind: str) -> ColumnElement[Any]:
    m = case_milestones
    return (
        select(func.min(m.c.at))
        .where(m.c.case_id == cases.c.id, m.c.kind == kind)
        .scalar_subquery()
    )


def _direction() -> ColumnElement[Any]:
    h = case_history
    return (
        select(func.min(h.c.occurred_at))
        .where(h.c.case_id == cases.c.id, h.c.to_state == "in_case_direction")
        .scalar_subquery()
    )


def moments_query(periods: Sequence[Period]) -> Select[Any]:
    return select(
        period_of(cases.c.received_at, periods),
        cases.c.received_at,
        cases.c.risk_level,
        _first("assessed"),
        _first("reporter_feedback"),
        _direction(),
        _first("plan_of_approach"),
    ).where(in_periods(cases.c.received_at, periods))


def moves_query(periods: Sequence[Period]) -> Select[Any]:
    h = case_history
    return (
        select(h.c.case_id, period_of(cases.c.received_at, periods), h.c.to_state, h.c.occurred_at)
        .join(cases, cases.c.id == h.c.case_id)
        .where(
            in_periods(cases.c.received_at, periods),
            or_(h.c.from_state.is_(None), h.c.from_state != h.c.to_state),
        )
        .order_by(h.c.case_id, h.c.seq)
    )
