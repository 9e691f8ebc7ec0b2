"""The retention rules: which rule fits, the archive action date, the 18th birthday, the
re-victimisation watch."""

from datetime import date

import pytest

from config.retention import load_retention_rules
from states import RiskLevel
from workflow.retention import (
    ArchiveStatus,
    Nomination,
    RetentionRule,
    RetentionRules,
    add_years,
    terms_at_closing,
)

RULES = load_retention_rules()
CLOSED = date(2026, 12, 6)


def test_the_first_fitting_rule_sets_the_terms() -> None:
    police = terms_at_closing(RULES, "referred_to_police", RiskLevel.LOW, CLOSED, None)
    assert (police.rule, police.action_date) == ("police_referral", date(2046, 12, 6))
    assert (police.nomination, police.status) == (Nomination.DESTROY, ArchiveStatus.PENDING)
    high = terms_at_closing(RULES, "no_contact", RiskLevel.ACUTE, CLOSED, None)
    assert high.rule == "high_risk"
    advice = terms_at_closing(RULES, "advice_given", None, CLOSED, None)
    assert (advice.rule, advice.action_date) == ("default", date(2033, 12, 6))


def test_a_minor_is_kept_until_the_later_of_the_two_counts() -> None:
    young = terms_at_closing(RULES, "advice_given", RiskLevel.LOW, CLOSED, date(2014, 5, 1))
    assert young.action_date == date(2034, 5, 1)  # 18 in 2032, plus 2 years
    older = terms_at_closing(RULES, "advice_given", RiskLevel.LOW, CLOSED, date(2005, 5, 1))
    assert older.action_date == date(2033, 12, 6)  # 7 years after closing is later
    care = terms_at_closing(RULES, "referred_to_care", RiskLevel.LOW, CLOSED, date(2024, 1, 1))
    assert care.action_date == date(2049, 1, 1)  # 18 in 2042, plus 7 years


def test_a_leap_day_moves_to_the_28th() -> None:
    assert add_years(date(2028, 2, 29), 7) == date(2035, 2, 28)


def test_every_default_rule_covers_the_watch_and_a_short_one_is_refused() -> None:
    assert RULES.watch_fits()
    short = RetentionRule(id="short", years_after_closing=1, reason="x", reason_nl="x")
    rules = RetentionRules(
        version="t",
        revictimisation_watch_years=7,
        rules=[short],
        access_log_days=10,
        notifications_days=10,
    )
    assert not rules.watch_fits()


def test_a_kept_case_has_no_date() -> None:
    keep = RetentionRule(
        id="keep", nomination=Nomination.KEEP, years_after_closing=7, reason="x", reason_nl="x"
    )
    rules = RetentionRules(
        version="t",
        revictimisation_watch_years=7,
        rules=[keep],
        access_log_days=10,
        notifications_days=10,
    )
    terms = terms_at_closing(rules, None, None, CLOSED, None)
    assert (terms.nomination, terms.action_date) == (Nomination.KEEP, None)


def test_a_rule_must_fit_every_case() -> None:
    only = RetentionRule(
        id="only", results=["other"], years_after_closing=7, reason="x", reason_nl="x"
    )
    rules = RetentionRules(
        version="t",
        revictimisation_watch_years=7,
        rules=[only],
        access_log_days=1,
        notifications_days=1,
    )
    with pytest.raises(ValueError):
        rules.rule_for("no_contact", None)
