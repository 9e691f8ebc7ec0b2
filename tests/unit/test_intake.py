"""checked_report: the one intake check. Every problem of a report at once, each with its field."""

import copy
from typing import Any

import pytest

from tests.conftest import REPORT
from tests.unit.fakes import REFERENCE
from workflow.commands import RegisterReport
from workflow.errors import InvalidInput
from workflow.intake import checked_report
from workflow.report import Report


def changed(**changes: Any) -> dict[str, Any]:
    """The example report with `subject__municipality="x"` style changes."""
    report = copy.deepcopy(REPORT)
    for dotted, value in changes.items():
        *path, last = dotted.split("__")
        target: Any = report
        for part in path:
            target = target[part]
        target[last] = value
    return report


def check(data: Any) -> Report:
    return checked_report(data, REFERENCE)


def problems(data: Any) -> dict[str, str]:
    with pytest.raises(InvalidInput) as refused:
        check(data)
    assert str(refused.value).startswith("report: ")
    found = dict(refused.value.problems)
    assert len(found) == len(refused.value.problems), "one problem per field"
    return found


def test_the_example_report_passes_as_it_is() -> None:
    report = check(REPORT)
    assert report == Report.parse(REPORT)


def test_every_kind_of_problem_comes_in_one_answer() -> None:
    data = changed(
        channel="fax",  # schema
        subject__bsn="123",  # schema
        subject__date_of_birth="2026-11-03",  # after received_at
        subject__municipality="Atlantis",
        signals=["runs_away", "Flying", "flying"],  # malformed, then unknown
    )
    assert set(problems(data)) == {
        "channel",
        "subject.bsn",
        "subject.date_of_birth",
        "subject.municipality",
        "signals.1",
        "signals.2",
    }


def test_a_report_must_be_an_object() -> None:
    assert problems(["a", "list"]) == {"(body)": "must be a JSON object"}


def test_a_field_that_is_not_well_formed_gets_its_own_problem_only() -> None:
    found = problems(changed(subject__municipality=" ", reporter__email="x" * 201))
    assert set(found) == {"subject.municipality", "reporter.email"}
    assert "at least 1 character" in found["subject.municipality"]
    assert "at most 200 characters" in found["reporter.email"]


def test_outside_twente_with_a_twente_municipality_is_refused() -> None:
    found = problems(changed(subject__outside_twente=True))
    assert found == {
        "subject.municipality": "'Enschede' is in Twente, so subject.outside_twente must be false"
    }


def test_a_municipality_outside_twente_is_kept_as_typed() -> None:
    data = changed(subject__municipality=" zwolle ", subject__outside_twente=True)
    assert check(data).subject.municipality == "zwolle"


def test_the_municipality_is_not_judged_when_outside_twente_is_not_a_flag() -> None:
    found = problems(changed(subject__municipality="Zwolle", subject__outside_twente="perhaps"))
    assert set(found) == {"subject.outside_twente"}


def test_a_report_built_in_code_reaches_the_check_by_its_json_form() -> None:
    built = Report.parse(changed(subject__municipality="Utrecht"))
    command = RegisterReport(actor="intake", report=built)
    assert command.report == built.model_dump(mode="json")
    assert set(problems(command.report)) == {"subject.municipality"}
