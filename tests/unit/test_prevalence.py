"""The national estimates scaled to Twente give the seed's figures: 107 domestic sexual
exploitation of whom 50 minors, 22, 49 and 52, 230 in all; and the share not seen."""

import pytest

from config.reference import load_prevalence, load_reference
from workflow.population import inhabitants_for
from workflow.prevalence import FORMS, not_seen_percent, regional_estimate, scaled


def region_inhabitants() -> int:
    municipalities = load_reference().municipalities
    found = inhabitants_for([(m.name, m.population) for m in municipalities], None)
    return sum(f.inhabitants for f in found)


def test_the_seeds_twente_estimate_comes_out() -> None:
    assert region_inhabitants() == 627_848
    estimate = regional_estimate(load_prevalence(), region_inhabitants())
    regional = {f["form"]: f["regional"] for f in estimate["forms"]}
    assert regional == {
        "domestic_sexual": 107,
        "domestic_other": 22,
        "cross_border_sexual": 49,
        "cross_border_other": 52,
    }
    assert estimate["forms"][0]["regional_minors"] == 50
    assert estimate["total"] == 230
    assert estimate["total_minors"] == 50


def test_the_configured_forms_are_the_four_the_seed_names_and_say_their_basis() -> None:
    estimates = load_prevalence()
    assert tuple(f.code for f in estimates.forms) == FORMS
    assert all(f.basis for f in estimates.forms)
    assert estimates.published == 2017
    # The configured split stays close to the published total of about 6,250 a year.
    assert abs(sum(f.national for f in estimates.forms) - estimates.national_total_published) < 50


def test_the_total_is_the_sum_of_the_rounded_forms() -> None:
    """For Twente both ways give 230 (6,220 x 627,848 / 17,000,000 = 229.7); a region of
    600,000 shows the difference: 102 + 21 + 47 + 49 = 219, where the scaled sum is 219.5."""
    estimate = regional_estimate(load_prevalence(), 600_000)
    assert [f["regional"] for f in estimate["forms"]] == [102, 21, 47, 49]
    assert estimate["total"] == 219
    assert scaled(6220, 600_000, 17_000_000) == 220


@pytest.mark.parametrize(
    ("received", "estimated", "percent"),
    [(35, 230, 85), (0, 230, 100), (230, 230, 0), (300, 230, 0), (1, 2, 50), (1, 8, 88)],
)
def test_the_share_not_seen(received: int, estimated: int, percent: int) -> None:
    assert not_seen_percent(received, estimated) == percent


def test_nothing_estimated_has_no_share() -> None:
    assert not_seen_percent(3, 0) is None


def test_scaling_rounds_a_half_up() -> None:
    assert scaled(1, 1, 2) == 1
    assert scaled(1, 1, 3) == 0
