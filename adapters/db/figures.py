"""Figures for the municipalities on SQLAlchemy Core: every count is one GROUP BY that the
database answers with a row per category and period, never a row per case (docs/figures.md).
Only plain, non-identifying columns are read: `cases` (municipality, age at the report, risk
level, received at), `reports.channel`, and the facts of migration 0015."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    case,
    exists,
    func,
    literal,
    select,
)

from adapters.db.figure_moments import moments_query, moves_query
from adapters.db.figure_periods import in_periods, period_of
from adapters.db.tables import case_facts, case_forms, case_history, cases, reports
from workflow.figures.dimensions import (
    AGE_BANDS,
    MINOR_AGE,
    NOT_ASSESSED,
    OUTSIDE_TWENTE,
    UNKNOWN,
    Dimension,
)
from workflow.figures.lead_times import Moments, Move
from workflow.figures.periods import Period

REPORTS, CASES = "reports", "cases"  # every report; the reports that came into case direction


def category_of(dimension: Dimension, municipalities: Sequence[str]) -> ColumnElement[str]:
    age = cases.c.age_at_report
    match dimension:
        case Dimension.MUNICIPALITY:
            known = cases.c.municipality.in_(list(municipalities))
            return case((known, cases.c.municipality), else_=literal(OUTSIDE_TWENTE))
        case Dimension.EXPLOITATION_FORM:
            return func.coalesce(case_forms.c.form, UNKNOWN)
        case Dimension.MINOR:
            return case((age < MINOR_AGE, "minor"), (age >= MINOR_AGE, "adult"), else_=UNKNOWN)
        case Dimension.SEX:
            return func.coalesce(case_facts.c.sex, UNKNOWN)
        case Dimension.AGE_BAND:
            bands = [(age.between(low, high), literal(code)) for code, low, high in AGE_BANDS]
            return case(*bands, else_=literal(UNKNOWN))
        case Dimension.CHANNEL:
            return reports.c.channel
        case Dimension.REPORTER_KIND:
            return func.coalesce(case_facts.c.reporter_kind, UNKNOWN)
        case Dimension.RISK_LEVEL:
            return func.coalesce(cases.c.risk_level, NOT_ASSESSED)


def _from(dimensions: set[Dimension]) -> Any:
    """`cases` with what the dimensions read joined on."""
    joined: Any = cases
    if Dimension.EXPLOITATION_FORM in dimensions:
        joined = joined.outerjoin(case_forms, case_forms.c.case_id == cases.c.id)
    if dimensions & {Dimension.SEX, Dimension.REPORTER_KIND}:
        joined = joined.outerjoin(case_facts, case_facts.c.case_id == cases.c.id)
    if Dimension.CHANNEL in dimensions:
        joined = joined.join(reports, reports.c.case_id == cases.c.id)
    return joined


def in_case_direction() -> ColumnElement[bool]:
    return exists().where(
        case_history.c.case_id == cases.c.id, case_history.c.to_state == "in_case_direction"
    )


def count_query(
    dimension: Dimension,
    periods: Sequence[Period],
    municipalities: Sequence[str],
    table: str,
    across: Dimension | None = None,
) -> Select[str, str, int]:
    """Counts by `dimension` and period, or by `dimension` and `across` over all the periods."""
    category = category_of(dimension, municipalities).label("category")
    if across is None:
        column = period_of(cases.c.received_at, periods).label("period")
    else:
        column = category_of(across, municipalities).label("across")
    query = (
        select(category, column, func.count().label("n"))
        .select_from(_from({dimension} | ({across} if across else set())))
        .where(in_periods(cases.c.received_at, periods))
        .group_by(category, column)
    )
    return query.where(in_case_direction()) if table == CASES else query


def age_query(periods: Sequence[Period]) -> Select[str, int, Any, Any]:
    period = period_of(cases.c.received_at, periods).label("period")
    age = cases.c.age_at_report
    return (
        select(period, func.count(age), func.min(age), func.max(age))
        .where(in_periods(cases.c.received_at, periods))
        .group_by(period)
    )


class FigureQueries:
    def __init__(self, engine: Engine, municipalities: Sequence[str]) -> None:
        self.engine = engine
        self.municipalities = list(municipalities)

    def counts(
        self,
        dimension: Dimension,
        periods: Sequence[Period],
        table: str = REPORTS,
        across: Dimension | None = None,
    ) -> dict[tuple[str, str], int]:
        """Reports (or cases) by category and period, or by category and `across`."""
        query = count_query(dimension, periods, self.municipalities, table, across)
        with self.engine.connect() as conn:
            return {(c, p): n for c, p, n in conn.execute(query)}

    def ages(self, periods: Sequence[Period]) -> dict[str, tuple[int, int | None, int | None]]:
        """By period: how many reports had an age, the youngest and the oldest."""
        with self.engine.connect() as conn:
            return {p: (n, low, high) for p, n, low, high in conn.execute(age_query(periods))}

    def moments(self, periods: Sequence[Period]) -> list[Moments]:
        """For lead times: the moments of each case reported in `periods`, no more."""
        with self.engine.connect() as conn:
            return [Moments(*row) for row in conn.execute(moments_query(periods))]

    def stays(self, periods: Sequence[Period]) -> list[Move]:
        """For the time in each state: (case, its period, state entered, when), per case."""
        with self.engine.connect() as conn:
            return [Move(*row) for row in conn.execute(moves_query(periods))]
