"""The inhabitants of each municipality on a reference date (CBS, 1 January), and which figures a
year's cost share uses.

A budget for year Y is set during year Y-1, when the latest published figures are those of
1 January Y-1: year Y uses, per municipality, the latest figures dated on or before 1 January of
Y-1 (the seed's 2019 share uses the figures of 1 January 2018). Without a year: the latest."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from workflow.errors import InvalidInput, reason


class PopulationFigure(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    on: date  # the reference date: inhabitants on this day
    inhabitants: int = Field(gt=0)


@dataclass(frozen=True)
class Inhabitants:
    municipality: str
    inhabitants: int
    on: date


def cutoff(year: int | None) -> date | None:
    """The latest reference date year `year` may use: 1 January of the year before."""
    return None if year is None else date(year - 1, 1, 1)


def figure_for(figures: Sequence[PopulationFigure], year: int | None) -> PopulationFigure | None:
    latest = cutoff(year)
    usable = [f for f in figures if latest is None or f.on <= latest]
    return max(usable, key=lambda f: f.on, default=None)


def inhabitants_for(
    municipalities: Sequence[tuple[str, Sequence[PopulationFigure]]],
    year: int | None,
    field: str = "year",
) -> list[Inhabitants]:
    """Each municipality's inhabitants for `year`, with the date of the figure; a problem
    naming `field` when one of them has no figure that early."""
    found: list[Inhabitants] = []
    missing: list[str] = []
    for name, figures in municipalities:
        figure = figure_for(figures, year)
        if figure is None:
            missing.append(name)
        else:
            found.append(Inhabitants(name, figure.inhabitants, figure.on))
    if missing:
        why = reason(
            "cost_share.no_population",
            "no population figures dated on or before {cutoff} for {names}",
            cutoff=str(cutoff(year)),
            names=", ".join(missing),
        )
        raise InvalidInput([(field, why)])
    return found
