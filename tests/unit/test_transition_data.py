"""The data each trigger needs: required fields, unknown fields, the closing results."""

from typing import Any

import pytest

from states import Trigger
from workflow.errors import InvalidInput
from workflow.transition_data import ClosingResult, transition_data

VALID: dict[Trigger, dict[str, Any]] = {
    Trigger.ASSESS_RISK: {
        "level": "elevated",
        "indicators": ["runs_away"],
        "rationale": "r",
        "dropped": {"truancy": "the school says attendance is fine"},
    },
    Trigger.REASSESS_RISK: {
        "level": "high",
        "indicators": ["runs_away", "older_boyfriend"],
        "rationale": "r",
        "dropped": {},
    },
    Trigger.ADVISE: {"advice": "a", "advised_party": "reporter"},
    Trigger.START_CASE_DIRECTION: {"case_director": "anna", "plan": "p"},
    Trigger.SCALE_DOWN: {"local_team": "Wijkteam", "handover": "h"},
    Trigger.ESCALATE: {"reason": "r"},
    Trigger.CLOSE: {"result": "no_contact", "reason": "r"},
    Trigger.REOPEN: {"reason": "r"},
}
OPTIONAL = {"dropped"}
REQUIRED = [(t, f) for t, data in VALID.items() for f in data if f not in OPTIONAL]


def fields(error: InvalidInput) -> set[str]:
    return {f for f, _ in error.problems}


@pytest.mark.parametrize("trigger", list(Trigger), ids=str)
def test_each_trigger_accepts_its_documented_data(trigger: Trigger) -> None:
    assert transition_data(trigger, VALID[trigger]).model_dump(mode="json") == VALID[trigger]


@pytest.mark.parametrize(("trigger", "field"), REQUIRED, ids=str)
def test_each_required_field_is_required_and_named(trigger: Trigger, field: str) -> None:
    data = {k: v for k, v in VALID[trigger].items() if k != field}
    with pytest.raises(InvalidInput) as bad:
        transition_data(trigger, data)
    assert fields(bad.value) == {field}
    assert f"data for '{trigger}'" in str(bad.value)


@pytest.mark.parametrize("trigger", list(Trigger), ids=str)
def test_unknown_fields_are_refused_by_name(trigger: Trigger) -> None:
    with pytest.raises(InvalidInput) as bad:
        transition_data(trigger, {**VALID[trigger], "colour": "blue"})
    assert fields(bad.value) == {"colour"}


@pytest.mark.parametrize("trigger", list(Trigger), ids=str)
def test_data_must_be_an_object(trigger: Trigger) -> None:
    with pytest.raises(InvalidInput) as bad:
        transition_data(trigger, ["reason"])
    assert fields(bad.value) == {"data"}


def test_all_problems_are_listed_at_once() -> None:
    with pytest.raises(InvalidInput) as bad:
        transition_data(Trigger.ASSESS_RISK, {"level": "sky-high", "indicators": ["Runs Away"]})
    assert fields(bad.value) == {"level", "indicators.0", "rationale"}


@pytest.mark.parametrize("blank", ["", "   "])
def test_free_text_may_not_be_blank(blank: str) -> None:
    with pytest.raises(InvalidInput) as bad:
        transition_data(Trigger.ESCALATE, {"reason": blank})
    assert fields(bad.value) == {"reason"}


def test_the_closing_results_are_a_fixed_documented_list() -> None:
    assert [r.value for r in ClosingResult] == [
        "advice_given",
        "handed_over_locally",
        "referred_to_care",
        "referred_to_police",
        "no_exploitation_found",
        "no_contact",
        "moved_out_of_region",
        "duplicate_report",
        "other",
    ]
    for result in ClosingResult:
        transition_data(Trigger.CLOSE, {"result": result.value, "reason": "r"})
    with pytest.raises(InvalidInput) as bad:
        transition_data(Trigger.CLOSE, {"result": "solved", "reason": "r"})
    assert fields(bad.value) == {"result"}
    assert "handed_over_locally" in str(bad.value)


@pytest.mark.parametrize("level", ["low", "elevated", "high", "acute"])
def test_the_four_risk_levels_are_accepted(level: str) -> None:
    assert transition_data(Trigger.ASSESS_RISK, {**VALID[Trigger.ASSESS_RISK], "level": level})
