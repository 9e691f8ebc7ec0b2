"""Report.parse: the public JSON form of a report alone; every problem names its field. What
registering checks beyond it is in test_intake.py."""

import copy
from typing import Any

import pytest

from tests.conftest import REPORT
from workflow.errors import InvalidInput
from workflow.report import Report, bsn_is_valid


def with_changes(**changes: Any) -> dict[str, Any]:
    report = copy.deepcopy(REPORT)
    for dotted, value in changes.items():
        target = report
        *path, last = dotted.split("__")
        for part in path:
            target = target[part]
        target[last] = value
    return report


def problem_fields(data: Any) -> set[str]:
    with pytest.raises(InvalidInput) as bad:
        Report.parse(data)
    assert str(bad.value).startswith("report: ")
    return {f for f, _ in bad.value.problems}


def test_the_example_report_parses() -> None:
    report = Report.parse(REPORT)
    assert report.subject.municipality == "Enschede"
    assert report.subject.bsn == "111222333"
    assert report.signals == ["runs_away"]


def test_a_report_must_be_an_object() -> None:
    assert problem_fields(["not", "a", "report"]) == {"(body)"}


def test_all_problems_are_listed_each_with_its_field() -> None:
    data = with_changes(channel="pigeon", subject__municipality=" ", exploitation_forms=[])
    del data["reporter"]
    assert problem_fields(data) == {
        "channel",
        "reporter",
        "subject.municipality",
        "exploitation_forms",
    }


def test_unknown_fields_are_refused_by_name() -> None:
    assert problem_fields(with_changes(subject__shoe_size=38)) == {"subject.shoe_size"}


def test_received_at_needs_a_time_zone() -> None:
    assert problem_fields(with_changes(received_at="2026-11-02T10:15:00")) == {"received_at"}


def test_a_report_stored_before_the_intake_rules_still_reads() -> None:
    # The intake check (tests/unit/test_intake.py) refuses these at registration; the JSON form
    # alone, which reads stored reports back, must not, or older cases could not be opened.
    old = with_changes(reporter__phone="call after five", subject__municipality="enschede")
    report = Report.parse(old)
    assert (report.reporter.phone, report.subject.municipality) == ("call after five", "enschede")


@pytest.mark.parametrize("signal", ["Runs Away", "1st", ""])
def test_signals_are_snake_case_codes(signal: str) -> None:
    assert problem_fields(with_changes(signals=[signal])) == {"signals.0"}


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990"])
def test_bsn_numbers_that_pass_the_eleven_test(bsn: str) -> None:
    assert bsn_is_valid(bsn)


@pytest.mark.parametrize("bsn", ["111222334", "123456789", "12345678", "1234567890", "12345678a"])
def test_bsn_numbers_that_fail_the_eleven_test(bsn: str) -> None:
    assert not bsn_is_valid(bsn)


def test_all_zeros_is_not_a_bsn() -> None:
    # It passes the bare 11-test, but typed in for "unknown" it would make every such subject
    # the same person.
    assert not bsn_is_valid("000000000")
    assert problem_fields(with_changes(subject__bsn="000.000.000")) == {"subject.bsn"}


def test_a_bsn_is_normalised_and_checked_in_a_report() -> None:
    assert Report.parse(with_changes(subject__bsn="1112.22.333")).subject.bsn == "111222333"
    assert problem_fields(with_changes(subject__bsn="111222334")) == {"subject.bsn"}
