"""The checks of the non-case records, pure (no I/O): an advice question's and a prevention
activity's every problem at once, the municipality by its canonical name, topics from the
configured codes, a planned activity marked held."""

from datetime import UTC, date, datetime
from typing import Any

import pytest

from config.reference import load_reference
from workflow.advice import checked_advice
from workflow.errors import InvalidInput
from workflow.prevention import PreventionActivity, checked_activity, marked_held

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
REFERENCE = load_reference()
ADVICE: dict[str, Any] = {
    "asked_on": "2026-11-02",
    "channel": "phone",
    "organisation": "Het Stedelijk Lyceum",
    "professional": "teacher",
    "municipality": "RYSSEN-HOLTEN",
    "topics": ["criminal", "runs_away", "criminal"],
    "advice": "First line.\nSecond line.",
    "minutes": 10,
}
ACTIVITY: dict[str, Any] = {
    "on": "2026-12-01",
    "municipality": "Hof v. Twente",
    "kind": "information_session",
    "audience": "parents",
    "participants": 40,
    "partners": ["GGD Twente", "GGD Twente"],
    "hours": 2,
}


def problems(error: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [field for field, _ in error.value.problems]


def test_an_advice_question_keeps_the_canonical_municipality_and_each_topic_once() -> None:
    form = checked_advice(ADVICE, REFERENCE, NOW)
    assert (form.municipality, form.topics) == ("Rijssen-Holten", ["criminal", "runs_away"])
    assert form.advice == "First line.\nSecond line."  # lines are plain text


def test_an_advice_question_says_every_problem_with_its_field() -> None:
    wrong = {
        **ADVICE,
        "asked_on": "2026-11-03",
        "municipality": "Deventer",
        "topics": ["x", "sexual"],
    }
    with pytest.raises(InvalidInput) as error:
        checked_advice(wrong, REFERENCE, NOW)
    assert problems(error) == ["asked_on", "municipality", "topics.0"]
    hidden = {**ADVICE, "advice": "a\u202eb", "minutes": 2000, "name": "Fenna"}
    with pytest.raises(InvalidInput) as error:
        checked_advice(hidden, REFERENCE, NOW)
    assert sorted(problems(error)) == ["advice", "minutes", "name"]
    with pytest.raises(InvalidInput) as error:
        checked_advice([ADVICE], REFERENCE, NOW)
    assert problems(error) == ["(body)"]


def test_the_day_is_the_day_in_amsterdam() -> None:
    late = datetime(2026, 11, 2, 23, 30, tzinfo=UTC)  # 3 November, 00:30 in Amsterdam
    assert checked_advice({**ADVICE, "asked_on": "2026-11-03"}, REFERENCE, late).minutes == 10


def test_a_planned_activity_may_lie_ahead_and_a_held_one_not() -> None:
    planned = checked_activity(ACTIVITY, REFERENCE, NOW)
    assert (planned.municipality, planned.partners, planned.held) == (
        "Hof van Twente",
        ["GGD Twente"],
        False,
    )
    with pytest.raises(InvalidInput) as error:
        checked_activity({**ACTIVITY, "held": True}, REFERENCE, NOW)
    assert problems(error) == ["on"]


def test_a_planned_activity_is_marked_held_once_on_a_day_that_has_come() -> None:
    planned = PreventionActivity("a-1", checked_activity(ACTIVITY, REFERENCE, NOW), "iris", NOW)
    with pytest.raises(InvalidInput) as error:
        marked_held(planned, {"participants": 35}, NOW)  # planned for 1 December
    assert problems(error) == ["activity_id"]
    held = marked_held(planned, {"participants": 35, "on": "2026-11-01"}, NOW)
    assert (held.held, held.participants, held.on, held.hours) == (True, 35, date(2026, 11, 1), 2)
    done = PreventionActivity("a-1", held, "iris", NOW)
    with pytest.raises(InvalidInput) as error:
        marked_held(done, {"participants": 1}, NOW)
    assert problems(error) == ["activity_id"]
    with pytest.raises(InvalidInput) as error:
        marked_held(planned, {"participants": -1, "hours": 0}, NOW)
    assert sorted(problems(error)) == ["hours", "participants"]
