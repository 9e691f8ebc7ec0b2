"""The terms of the non-case records: the cut-off days on a given day, and a file with terms
that do not fit refused at load."""

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from config.reference import DATA
from config.retention import load_retention_rules
from workflow.record_terms import AdviceTerms, RecordTerms, cutoffs

TERMS = load_retention_rules().records


def test_the_shipped_terms_and_their_cut_off_days() -> None:
    advice = TERMS.advice_questions
    assert (advice.text_years_after_asked, advice.years_after_year_asked) == (5, 10)
    assert TERMS.prevention_activities.years_after_year_held == 10
    cut = cutoffs(TERMS, date(2027, 3, 1))
    assert cut.advice_text_until == date(2022, 3, 1)
    assert cut.advice_before == cut.activities_before == date(2017, 1, 1)
    # A whole year goes at once: on the last day of 2027 the year 2017 is still kept.
    assert cutoffs(TERMS, date(2027, 12, 31)).advice_before == date(2017, 1, 1)
    assert cutoffs(TERMS, date(2028, 1, 1)).advice_before == date(2018, 1, 1)


def test_a_leap_day_counts_back_to_the_28th() -> None:
    assert cutoffs(TERMS, date(2028, 2, 29)).advice_text_until == date(2023, 2, 28)


def test_terms_that_do_not_fit_are_named() -> None:
    reasons = {"reason": "why", "reason_nl": "waarom"}
    text_outlives = AdviceTerms(text_years_after_asked=12, years_after_year_asked=10, **reasons)
    short = AdviceTerms(text_years_after_asked=2, years_after_year_asked=3, **reasons)
    assert RecordTerms(advice_questions=text_outlives).problems()[0].startswith("advice_questions")
    assert any("7 years" in p for p in RecordTerms(advice_questions=short).problems())
    assert any("reason" in p for p in RecordTerms().problems())


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("records"),
        lambda d: d["records"]["prevention_activities"].update(years_after_year_held=3),
        lambda d: d["records"]["advice_questions"].update(reason=""),
        lambda d: d["records"]["advice_questions"].update(kept_forever=True),
    ],
)
def test_a_file_with_unfit_record_terms_is_refused_at_load(
    tmp_path: Path, change: Callable[[dict[str, Any]], object]
) -> None:
    data = json.loads((DATA / "retention_rules.json").read_text("utf-8"))
    change(data)
    path = tmp_path / "retention_rules.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ValueError):
        load_retention_rules(path)
