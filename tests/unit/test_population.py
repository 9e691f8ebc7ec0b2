"""Which population figures a year's cost share uses: per municipality the latest dated on or
before 1 January of the year before; and the configured figures agree with `inhabitants`."""

from datetime import date

import pytest

from config.reference import load_reference
from workflow.errors import InvalidInput
from workflow.population import PopulationFigure, figure_for, inhabitants_for

FIGURES = [
    PopulationFigure(on=date(2019, 1, 1), inhabitants=110),
    PopulationFigure(on=date(2018, 1, 1), inhabitants=100),
    PopulationFigure(on=date(2020, 1, 1), inhabitants=120),
]


@pytest.mark.parametrize(
    ("year", "inhabitants"), [(2019, 100), (2020, 110), (2021, 120), (2030, 120), (None, 120)]
)
def test_a_year_uses_the_figures_of_the_first_of_january_the_year_before(
    year: int | None, inhabitants: int
) -> None:
    found = figure_for(FIGURES, year)
    assert found is not None and found.inhabitants == inhabitants


def test_each_municipality_gets_its_own_latest_figure_and_its_date() -> None:
    older = [PopulationFigure(on=date(2018, 1, 1), inhabitants=50)]
    found = inhabitants_for([("a", FIGURES), ("b", older)], 2021)
    assert [(f.municipality, f.inhabitants, f.on) for f in found] == [
        ("a", 120, date(2020, 1, 1)),
        ("b", 50, date(2018, 1, 1)),
    ]


def test_a_municipality_without_a_figure_that_early_is_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        inhabitants_for([("a", FIGURES), ("b", [])], 2019, "--year")
    [(field, why)] = refused.value.problems
    assert field == "--year" and "b" in why and "2018-01-01" in why


def test_the_configured_figures_agree_with_the_inhabitants_of_each_municipality() -> None:
    for municipality in load_reference().municipalities:
        latest = figure_for(municipality.population, None)
        assert latest is not None, municipality.name
        assert latest.inhabitants == municipality.inhabitants, municipality.name
