"""The figures every entry point (CLI, API) shows: counts by a dimension per period, ages,
lead times with the time norms met, and Enschede's share of the reports. `threshold` None:
unsuppressed (a team lead who asks for it); otherwise small cells are suppressed
(workflow/suppression.py, docs/figures.md). Results are JSON-ready dicts of codes; the words
are added by adapters/figure_sheets.py."""

from dataclasses import dataclass
from typing import Any

from adapters.bootstrap import App
from adapters.db.figures import FigureQueries
from workflow.deadlines import DeadlinePolicy
from workflow.figures.dimensions import Dimension, categories
from workflow.figures.lead_times import NORMS, norm_phases, state_phases, summary
from workflow.figures.periods import Period, PeriodKind, periods
from workflow.figures.table import count_table
from workflow.suppression import suppress

ENSCHEDE = "Enschede"


@dataclass(frozen=True)
class Ask:
    period: PeriodKind
    first_year: int
    last_year: int
    threshold: int | None

    def periods(self) -> list[Period]:
        return periods(self.period, self.first_year, self.last_year)

    def meta(self) -> dict[str, Any]:
        return {
            "period": self.period.value,
            "years": [self.first_year, self.last_year],
            "threshold": self.threshold,
            "suppressed": self.threshold is not None,
        }


def _shown(count: int, threshold: int | None) -> int | None:
    return count if threshold is None or not 0 < count < threshold else None


def _percent(part: int | None, rest: int | None) -> float | None:
    """`part` as a percentage of `part` + `rest`, when both are shown and not both 0."""
    if part is None or rest is None or part + rest == 0:
        return None
    return round(100 * part / (part + rest), 1)


class Figures:
    def __init__(self, app: App) -> None:
        self.municipalities = app.reference.municipality_names()
        self.queries = FigureQueries(app.engine, self.municipalities)
        self.deadlines: DeadlinePolicy = app.deadlines
        self.clock = app.clock

    def counts(
        self, table: str, dimension: Dimension, ask: Ask, across: Dimension | None = None
    ) -> dict[str, Any]:
        """By `dimension` and period; or, `across` given, the cross-table of the two
        dimensions over all the periods asked."""
        spans = ask.periods()
        found = self.queries.counts(dimension, spans, table, across)
        rows = categories(dimension, self.municipalities)
        if across is None:
            columns = [p.key for p in spans]
        else:
            columns = categories(across, self.municipalities)
        shown = count_table(table, dimension.value, rows, columns, found, ask.threshold)
        return {**ask.meta(), **shown.as_json(), "across": across.value if across else None}

    def ages(self, ask: Ask) -> dict[str, Any]:
        """By period: reports with a known age, the youngest and the oldest; for analysts only
        where at least `threshold` ages are known (the extremes are each one person's)."""
        found = self.queries.ages(ask.periods())
        rows = []
        for p in ask.periods():
            n, low, high = found.get(p.key, (0, None, None))
            hide = ask.threshold is not None and n < ask.threshold
            rows.append(
                {
                    "period": p.key,
                    "known": _shown(n, ask.threshold),
                    "youngest": None if hide else low,
                    "oldest": None if hide else high,
                }
            )
        return {**ask.meta(), "table": "ages", "rows": rows}

    def enschede_share(self, ask: Ask) -> dict[str, Any]:
        """Reports from Enschede against the other 13 municipalities (the seed's 80 %)."""
        spans = ask.periods()
        found = self.queries.counts(Dimension.MUNICIPALITY, spans, "reports")
        columns = [p.key for p in spans]
        others = [m for m in self.municipalities if m != ENSCHEDE]
        own = [found.get((ENSCHEDE, c), 0) for c in columns]
        rest = [sum(found.get((m, c), 0) for m in others) for c in columns]
        shown = suppress([own, rest], ask.threshold or 1)
        keys = [*columns, "total"]
        rows = [
            {"category": code, "counts": dict(zip(keys, [*cells, total], strict=True))}
            for code, cells, total in zip(
                ("enschede", "other_13"), shown.cells, shown.row_totals, strict=True
            )
        ]
        pairs = [*zip(shown.cells[0], shown.cells[1], strict=True)]
        pairs.append((shown.row_totals[0], shown.row_totals[1]))
        shares = {key: _percent(a, b) for key, (a, b) in zip(keys, pairs, strict=True)}
        return {**ask.meta(), "table": "enschede_share", "rows": rows, "enschede_percent": shares}

    def lead_times(self, ask: Ask) -> dict[str, Any]:
        spans = ask.periods()
        moments = self.queries.moments(spans)
        moves = self.queries.stays(spans)
        phases = norm_phases(moments, self.deadlines.norms) + state_phases(moves)
        found = summary(phases, self.deadlines.calendar, self.clock())
        rows = []
        for (phase, period), row in sorted(found.items()):
            rows.append({"phase": phase, "period": period, **self._hidden(row, ask.threshold)})
        return {**ask.meta(), "table": "lead_times", "norms": list(NORMS), "rows": rows}

    @staticmethod
    def _hidden(row: dict[str, Any], threshold: int | None) -> dict[str, Any]:
        """A lead-time row as an analyst may see it: a median or percentile of fewer than
        `threshold` phases is suppressed, and the norm counts like any small cells."""
        few = threshold is not None and row["ended"] < threshold
        counts = [[row["met"], row["missed"], row["pending"]]]
        met, missed, pending = suppress(counts, threshold or 1).cells[0]
        return {
            "ended": _shown(row["ended"], threshold),
            "median": None if few else row["median"],
            "p90": None if few else row["p90"],
            "met": met,
            "missed": missed,
            "pending": pending,
            "met_percent": _percent(met, missed),
        }
