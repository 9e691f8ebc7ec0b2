"""The non-case work as figures (docs/figures.md): advice questions and held prevention
activities per municipality and period, every one of the 14 municipalities in every period,
with the same small-cell suppression as the reports (workflow/suppression.py). The counts come
from adapters/db/noncase_counts.py; no free text is read, and no municipality outside the
region's list appears (advice and activities are recorded for the region's municipalities)."""

from collections import Counter
from datetime import date
from typing import Any

from adapters.bootstrap import App
from adapters.db.noncase_counts import NonCaseCounts, Period
from adapters.figure_service import Ask
from workflow.figures.dimensions import Dimension
from workflow.figures.table import count_table

MEASURES = {"advice": "advice_questions", "activities": "held"}


def noncase_figure(app: App, table: str, ask: Ask) -> dict[str, Any]:
    """`table` "advice" (advice questions asked) or "activities" (prevention activities and
    trainings held), municipality x period, suppressed for analysts."""
    municipalities = app.reference.municipality_names()
    counts = NonCaseCounts(app.engine)
    start, end = date(ask.first_year, 1, 1), date(ask.last_year, 12, 31)
    period = Period(ask.period.value)
    if table == "advice":
        rows = counts.advice(municipalities, period, start, end)
    else:
        rows = counts.activities(municipalities, period, start, end)
    found: Counter[tuple[str, str]] = Counter()
    for row in rows:
        found[(row["municipality"], row["period"])] += int(row[MEASURES[table]])
    columns = [p.key for p in ask.periods()]
    dimension = Dimension.MUNICIPALITY.value
    shown = count_table(table, dimension, municipalities, columns, found, ask.threshold)
    return {**ask.meta(), **shown.as_json(), "across": None}
