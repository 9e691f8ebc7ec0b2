"""The risk instrument's rules: each with a case that triggers it and one that just does not."""

import pytest

from config.reference import load_reference
from states import RiskLevel

instrument = load_reference().instrument

LOW, ELEVATED, HIGH, ACUTE = RiskLevel.LOW, RiskLevel.ELEVATED, RiskLevel.HIGH, RiskLevel.ACUTE


def level(codes: list[str], minor: bool = False, floor: RiskLevel | None = None) -> RiskLevel:
    return instrument.suggest(codes, minor, floor).level


def fired(codes: list[str]) -> tuple[str, ...]:
    return instrument.suggest(codes, False).rules


@pytest.mark.parametrize(
    ("rule", "triggers", "just_not"),
    [
        ("earlier_plus_new", ["earlier_victimisation", "truancy"], ["earlier_victimisation"]),
        (
            "runaway_with_contact_or_images",
            ["runs_away", "older_boyfriend"],
            ["runs_away", "unexplained_gifts"],
        ),
        (
            "runaway_with_contact_or_images",
            ["runs_away", "image_blackmail"],
            ["older_boyfriend", "image_blackmail"],
        ),
        ("sex_for_money", ["sex_for_money"], ["unexplained_gifts"]),
        ("images", ["image_blackmail"], ["multiple_phones"]),
        ("hotels_with_contact", ["hotel_visits", "older_boyfriend"], ["hotel_visits"]),
        (
            "criminal_exploitation",
            ["debts_or_accounts_in_name", "isolation"],
            ["debts_or_accounts_in_name"],
        ),
    ],
)
def test_each_rule_fires_on_its_combination_and_not_on_less(
    rule: str, triggers: list[str], just_not: list[str]
) -> None:
    assert rule in fired(triggers)
    assert rule not in fired(just_not)


def test_rules_set_a_minimum_level() -> None:
    assert level(["earlier_victimisation", "truancy"]) == HIGH  # score 4 alone: elevated
    assert level(["runs_away", "older_boyfriend"]) == ACUTE  # score 4 alone: elevated
    assert level(["sex_for_money"]) == HIGH


def test_the_score_alone_sets_the_level_when_no_rule_fires() -> None:
    assert level([]) == LOW
    assert level(["truancy"]) == LOW  # 1
    assert level(["truancy", "unexplained_gifts", "isolation"]) == ELEVATED  # 3
    assert level(["hotel_visits", "runs_away", "truancy"]) == HIGH  # 6
    assert (
        level(
            [
                "hotel_visits",
                "debts_or_accounts_in_name",
                "intellectual_disability",
                "residential_youth_care",
            ]
        )
        == ACUTE
    )  # 10


def test_a_minor_raises_the_level_by_one_when_there_is_a_signal() -> None:
    assert level(["truancy"], minor=True) == ELEVATED
    assert level(["truancy"], minor=False) == LOW
    assert level([], minor=True) == LOW  # no signal: nothing to raise
    assert level(["sex_for_money", "hotel_visits", "runs_away", "truancy"], minor=True) == ACUTE


def test_a_floor_keeps_the_level_up() -> None:
    assert level(["truancy"], floor=HIGH) == HIGH
    assert level(["runs_away", "older_boyfriend"], floor=HIGH) == ACUTE


def test_the_suggestion_records_its_reasons_and_the_version() -> None:
    record = instrument.suggest(["runs_away", "older_boyfriend"], True).as_record()
    assert record == {
        "suggested_level": "acute",
        "score": 4,
        "score_level": "elevated",
        "minor_raised": True,
        "rules": ["runaway_with_contact_or_images"],
        "floor": None,
        "instrument_version": instrument.version,
    }


def test_the_instrument_has_every_signal_code_the_intake_form_names() -> None:
    required = {
        "earlier_victimisation",
        "older_boyfriend",
        "runs_away",
        "truancy",
        "unexplained_gifts",
        "multiple_phones",
        "image_blackmail",
        "online_recruitment",
        "hotel_visits",
        "sex_for_money",
        "intellectual_disability",
        "residential_youth_care",
        "debts_or_accounts_in_name",
        "isolation",
    }
    assert required <= instrument.codes()
    for rule in instrument.rules:
        assert set(rule.all + rule.any) <= instrument.codes(), rule.id
