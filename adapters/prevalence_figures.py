"""The prevalence figures both entry points give: the national estimates scaled to the region's
inhabitants (their latest figures), beside the reports received in one calendar year."""

from typing import Any

from adapters.bootstrap import App
from adapters.db.received_counts import received_in
from config.reference import load_prevalence
from workflow.calendar import AMSTERDAM
from workflow.errors import InvalidInput, reason
from workflow.population import inhabitants_for
from workflow.prevalence import beside_reports, regional_estimate


def last_complete_year(app: App) -> int:
    """The default year: the last calendar year that has ended, in Amsterdam."""
    return app.clock().astimezone(AMSTERDAM).year - 1


def prevalence(app: App, year: int | None, field: str = "year") -> dict[str, Any]:
    """The figures for `year` (default: the last complete one); a year still to come is refused
    naming `field`: it has no reports, and "100 % not seen" would say something false."""
    chosen = last_complete_year(app) if year is None else year
    if chosen > last_complete_year(app) + 1:
        why = reason(
            "prevalence.year_to_come",
            "{year} has not begun; give {current} or a year before it",
            year=chosen,
            current=last_complete_year(app) + 1,
        )
        raise InvalidInput([(field, why)])
    municipalities = app.reference.municipalities
    found = inhabitants_for([(m.name, m.population) for m in municipalities], None)
    estimate = regional_estimate(load_prevalence(), sum(f.inhabitants for f in found))
    received = received_in(app.engine, chosen)
    figures = beside_reports(estimate, chosen, received.reports, received.minors)
    return {
        "region": app.reference.region,
        "population_on": sorted({f.on.isoformat() for f in found}),
        **figures,
    }
