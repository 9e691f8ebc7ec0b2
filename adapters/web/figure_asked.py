"""What a Cijfers page was asked, read from its query string: every value checked, and every
problem named at its field at once (workflow.errors.InvalidInput), never a 422 or a 500."""

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from workflow.cost_share import Method
from workflow.errors import InvalidInput, Reason, reason
from workflow.figures.dimensions import Dimension
from workflow.figures.periods import PeriodKind

E = TypeVar("E", bound=StrEnum)
SEED_BUDGET = "97500.00"  # the seed's yearly budget (docs/cost_share.md)


@dataclass(frozen=True)
class Asked:
    period: PeriodKind = PeriodKind.QUARTER
    year: int | None = None
    from_year: int | None = None
    by: Dimension = Dimension.MUNICIPALITY
    budget: str = SEED_BUDGET
    method: Method = Method.LARGEST_REMAINDER
    unsuppressed: bool = False  # the team lead's (the gate refuses anyone else)

    def values(self) -> dict[str, str]:
        """The form's values, as the page shows them again."""
        return {
            "period": self.period.value,
            "year": "" if self.year is None else str(self.year),
            "from_year": "" if self.from_year is None else str(self.from_year),
            "by": self.by.value,
            "budget": self.budget,
            "method": self.method.value,
            "unsuppressed": "1" if self.unsuppressed else "",
        }


def _year(text: str, field: str, problems: list[tuple[str, Reason]]) -> int | None:
    if not text.strip():
        return None
    if text.strip().isdigit():
        return int(text)
    problems.append((field, reason("web_figures.not_a_year", "a year in digits, like 2026")))
    return None


def _choice(
    kind: type[E], text: str | None, default: E, field: str, problems: list[tuple[str, Reason]]
) -> E:
    if not text:
        return default
    try:
        return kind(text)
    except ValueError:
        problems.append((field, reason("web_figures.not_a_choice", "not one of the choices")))
        return default


def asked_from(query: dict[str, str]) -> Asked:
    problems: list[tuple[str, Reason]] = []
    year = _year(query.get("year", ""), "year", problems)
    from_year = _year(query.get("from_year", ""), "from_year", problems)
    period = _choice(PeriodKind, query.get("period"), PeriodKind.QUARTER, "period", problems)
    by = _choice(Dimension, query.get("by"), Dimension.MUNICIPALITY, "by", problems)
    method = _choice(Method, query.get("method"), Method.LARGEST_REMAINDER, "method", problems)
    budget = query.get("budget") or SEED_BUDGET
    if problems:
        raise InvalidInput(problems)
    unsuppressed = query.get("unsuppressed") == "1"
    return Asked(period, year, from_year, by, budget, method, unsuppressed)
