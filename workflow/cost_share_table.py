"""The cost share as a table a council letter can quote: per municipality its inhabitants, the
reference date of that figure, and its share; the total beside the budget it should match."""

from dataclasses import dataclass
from typing import Any

from workflow.cost_share import Method, allocate, euro
from workflow.population import inhabitants_for
from workflow.reference import Municipality


@dataclass(frozen=True)
class CostShareRow:
    municipality: str
    inhabitants: int
    reference_date: str
    share_cents: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality,
            "inhabitants": self.inhabitants,
            "reference_date": self.reference_date,
            "share_cents": self.share_cents,
            "share": euro(self.share_cents),
        }


def cost_share(
    municipalities: list[Municipality], budget_cents: int, year: int | None, method: Method
) -> dict[str, Any]:
    """The budget over the municipalities for `year` by `method`, in the order of the list; the
    amounts themselves do not depend on that order."""
    found = inhabitants_for([(m.name, m.population) for m in municipalities], year)
    weights = {f.municipality: f.inhabitants for f in found}
    amounts = allocate(budget_cents, weights, method)
    rows = [
        CostShareRow(f.municipality, f.inhabitants, f.on.isoformat(), amounts[f.municipality])
        for f in found
    ]
    total = sum(amounts.values())
    return {
        "budget_cents": budget_cents,
        "budget": euro(budget_cents),
        "year": year,
        "method": method.value,
        "inhabitants": sum(weights.values()),
        "population_on": sorted({row.reference_date for row in rows}),
        "total_cents": total,
        "total": euro(total),
        "difference_cents": total - budget_cents,
        "shares": [row.as_dict() for row in rows],
    }
