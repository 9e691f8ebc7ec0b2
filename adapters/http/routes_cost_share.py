"""The cost share per municipality and the prevalence for the region (analysts and team leads,
each answer a line in the access log): the same figures as `meldpunt figures cost-share` and
`meldpunt figures prevalence` (docs/cost_share.md)."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from adapters.http.asking import Guarded
from adapters.prevalence_figures import prevalence as prevalence_figures
from workflow.access import Action
from workflow.cost_share import Method, parse_budget
from workflow.cost_share_table import cost_share as cost_share_table

router = APIRouter(tags=["figures"])

Year = Annotated[int | None, Query(ge=2000, le=2100, description="the calendar year")]


class Share(BaseModel):
    municipality: str
    inhabitants: int
    reference_date: date = Field(description="the date of the population figure")
    share_cents: int
    share: str = Field(description="euro with two decimals, e.g. 11278.73")


class CostShare(BaseModel):
    budget_cents: int
    budget: str
    year: int | None
    method: Method
    inhabitants: int
    population_on: list[date]
    total_cents: int
    total: str
    difference_cents: int = Field(description="the sum of the shares minus the budget")
    shares: list[Share]


class FormFigure(BaseModel):
    form: str
    national: int
    regional: int
    national_minors: int | None
    regional_minors: int | None
    basis: str = Field(description="published, or how the national figure was reconstructed")


class Prevalence(BaseModel):
    region: str
    population_on: list[date]
    source: str
    published: int
    per: str
    national_inhabitants: int
    region_inhabitants: int
    forms: list[FormFigure]
    total: int
    total_minors: int | None
    year: int
    received: int
    received_minors: int
    not_seen_percent: int | None
    not_seen_minors_percent: int | None


@router.get("/figures/cost-share", response_model=CostShare)
def cost_share(
    gate: Guarded,
    budget: Annotated[
        str, Query(max_length=40, description="the budget in euro, at most two decimals")
    ],
    year: Year = None,
    method: Annotated[Method, Query()] = Method.LARGEST_REMAINDER,
) -> dict[str, Any]:
    """A budget divided over the municipalities pro rata their inhabitants, in euro cents;
    `largest_remainder` adds up exactly, `rounded_shares` reproduces the seed's Tabel 1."""
    gate.allow(Action.READ_STATISTICS, "cost_share")
    with gate.logged(Action.READ_STATISTICS, "cost_share"):
        cents = parse_budget(budget, "budget")
        municipalities = gate.app.reference.municipalities
        return cost_share_table(municipalities, cents, year, method)


@router.get("/figures/prevalence", response_model=Prevalence)
def prevalence(gate: Guarded, year: Year = None) -> dict[str, Any]:
    """The national estimates per form of exploitation scaled to the region, beside the reports
    received in the year (default: the last complete one) and the share not seen."""
    gate.allow(Action.READ_STATISTICS, "prevalence")
    with gate.logged(Action.READ_STATISTICS, "prevalence"):
        return prevalence_figures(gate.app, year)
