"""How many victims the region may expect, beside how many the Meldpunt saw.

The national estimates per form of exploitation (config/data/prevalence.json, with their source
and year) are scaled to the region's inhabitants: regional = national x region / country, each
rounded to a whole person (a half up). The total is the sum of the rounded forms, as in the seed
(107 + 22 + 49 + 52 = 230). Beside it the reports received in one calendar year, and the share of
the estimate that was not seen: 1 - received / estimated, as a whole percentage (never below 0)."""

from fractions import Fraction
from math import floor
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

FORMS = ("domestic_sexual", "domestic_other", "cross_border_sexual", "cross_border_other")


class FormEstimate(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str
    national: int = Field(gt=0)
    basis: str  # published, or how it was reconstructed
    minors: int | None = Field(default=None, ge=0)
    minors_basis: str | None = None


class PrevalenceEstimates(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    source: str
    published: int
    per: str
    national_total_published: int
    national_inhabitants: int = Field(gt=0)
    national_inhabitants_note: str
    forms: list[FormEstimate]


def scaled(national: int, region: int, country: int) -> int:
    """`national` scaled from `country` inhabitants to `region`, to a whole person, a half up."""
    return floor(Fraction(national * region, country) + Fraction(1, 2))


def not_seen_percent(received: int, estimated: int) -> int | None:
    """The share of `estimated` not among `received`, in whole percents (a half up)."""
    if estimated <= 0:
        return None
    share = max(Fraction(0), 1 - Fraction(received, estimated))
    return floor(share * 100 + Fraction(1, 2))


def regional_estimate(estimates: PrevalenceEstimates, region_inhabitants: int) -> dict[str, Any]:
    """Each form's regional estimate (minors where known) and their total."""
    country = estimates.national_inhabitants
    forms = []
    for form in estimates.forms:
        minors = None if form.minors is None else scaled(form.minors, region_inhabitants, country)
        forms.append(
            {
                "form": form.code,
                "national": form.national,
                "regional": scaled(form.national, region_inhabitants, country),
                "national_minors": form.minors,
                "regional_minors": minors,
                "basis": form.basis,
            }
        )
    known = [f["regional_minors"] for f in forms if f["regional_minors"] is not None]
    return {
        "source": estimates.source,
        "published": estimates.published,
        "per": estimates.per,
        "national_inhabitants": country,
        "region_inhabitants": region_inhabitants,
        "forms": forms,
        "total": sum(f["regional"] for f in forms),
        "total_minors": sum(known) if known else None,
    }


def beside_reports(
    estimate: dict[str, Any], year: int, received: int, received_minors: int
) -> dict[str, Any]:
    """The estimate beside the reports received in `year`, and the share not seen."""
    return {
        **estimate,
        "year": year,
        "received": received,
        "received_minors": received_minors,
        "not_seen_percent": not_seen_percent(received, estimate["total"]),
        "not_seen_minors_percent": (
            None
            if estimate["total_minors"] is None
            else not_seen_percent(received_minors, estimate["total_minors"])
        ),
    }
