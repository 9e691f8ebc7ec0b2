"""checked_report: the one intake check. Every problem of a report at once, each with its field;
municipalities by any spelling, stored by their canonical name; dates within their bounds;
contact details in their normal form."""

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from tests.conftest import REPORT
from tests.unit.fakes import REFERENCE
from workflow.commands import RegisterReport
from workflow.errors import InvalidInput
from workflow.intake import checked_report
from workflow.reference import ReferenceData
from workflow.report import Report

NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)  # the example report came in at 09:15 UTC


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


def check(data: Any, now: datetime = NOW) -> Report:
    return checked_report(data, REFERENCE, now)


def problems(data: Any, now: datetime = NOW) -> dict[str, str]:
    with pytest.raises(InvalidInput) as refused:
        check(data, now)
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
        received_at="2026-11-02T09:00:00+01:00",
        reporter__email="j.devries(at)school.nl",
        reporter__phone="112",
        subject__bsn="123",  # schema
        subject__date_of_birth="2026-11-03",  # after received_at
        subject__municipality="Atlantis",
        signals=["runs_away", "Flying", "flying"],  # malformed, then unknown
    )
    assert set(problems(data)) == {
        "channel",
        "reporter.email",
        "reporter.phone",
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


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("enschede", "Enschede"),
        ("ENSCHEDE", "Enschede"),
        ("  Enschede ", "Enschede"),
        ("Rijssen-Holten", "Rijssen-Holten"),
        ("Rijssen/Holten", "Rijssen-Holten"),
        ("Rijssen Holten", "Rijssen-Holten"),
        ("rijssen - holten", "Rijssen-Holten"),
        ("RijssenHolten", "Rijssen-Holten"),
        ("Ryssen-Holten", "Rijssen-Holten"),  # an alias: y for ij
        ("Hof van Twente", "Hof van Twente"),
        ("hof-van-twente", "Hof van Twente"),
        ("Hof v. Twente", "Hof van Twente"),
        ("Hengelo (O.)", "Hengelo"),
    ],
)
def test_a_municipality_is_known_by_any_spelling_and_stored_by_its_name(
    typed: str, stored: str
) -> None:
    assert check(changed(subject__municipality=typed)).subject.municipality == stored


@pytest.mark.parametrize("typed", ["Enshede", "Rijssen", "Twente", "Hengelo Gld"])
def test_a_misspelling_is_not_guessed(typed: str) -> None:
    found = problems(changed(subject__municipality=typed))
    assert f"'{typed}' is not one of the 14 municipalities of Twente" in found.pop(
        "subject.municipality"
    )
    assert found == {}


@pytest.mark.parametrize("typed", ["Enschede", "enschede", "RIJSSEN/HOLTEN"])
def test_outside_twente_with_a_twente_municipality_is_refused(typed: str) -> None:
    found = problems(changed(subject__municipality=typed, subject__outside_twente=True))
    assert found == {
        "subject.municipality": f"'{typed}' is in Twente, so subject.outside_twente must be false"
    }


def test_a_municipality_outside_twente_is_kept_as_typed() -> None:
    data = changed(subject__municipality=" zwolle ", subject__outside_twente=True)
    assert check(data).subject.municipality == "zwolle"


def test_the_municipality_is_not_judged_when_outside_twente_is_not_a_flag() -> None:
    found = problems(changed(subject__municipality="Zwolle", subject__outside_twente="perhaps"))
    assert set(found) == {"subject.outside_twente"}


@pytest.mark.parametrize(
    "received_at",
    [
        "0001-01-01T00:00:00+14:00",
        "0001-01-01T00:00:00Z",
        "1999-12-31T23:59:59Z",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-14:00",
    ],
)
def test_received_at_outside_its_bounds_is_a_problem_of_that_field(received_at: str) -> None:
    assert set(problems(changed(received_at=received_at))) == {"received_at"}


def test_received_at_may_be_a_few_minutes_ahead_of_our_clock_but_not_more() -> None:
    received = datetime.fromisoformat(REPORT["received_at"])  # type: ignore[arg-type]
    assert check(REPORT, now=received - timedelta(minutes=5)).received_at == received
    found = problems(REPORT, now=received - timedelta(minutes=5, seconds=1))
    assert found == {"received_at": "lies in the future (more than 5 minutes after now)"}


@pytest.mark.parametrize("born", ["0001-01-01", "1899-12-31", "9999-12-31", "2026-11-03"])
def test_a_date_of_birth_outside_its_bounds_is_a_problem_of_that_field(born: str) -> None:
    assert set(problems(changed(subject__date_of_birth=born))) == {"subject.date_of_birth"}


def test_a_date_of_birth_may_be_the_day_of_the_report_or_as_early_as_1900() -> None:
    for born in ("2026-11-02", "1900-01-01"):
        assert str(check(changed(subject__date_of_birth=born)).subject.date_of_birth) == born


def test_a_date_of_birth_is_not_compared_with_a_received_at_that_is_wrong() -> None:
    data = changed(received_at="1970-01-01T00:00:00Z", subject__date_of_birth="2010-03-14")
    assert set(problems(data)) == {"received_at"}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06-12345678", "+31 6 12345678"),
        ("0612345678", "+31 6 12345678"),
        ("+31 (0)6 1234 5678", "+31 6 12345678"),
        ("0031 6 12345678", "+31 6 12345678"),
        ("053 480 4000", "+31 53 480 4000"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("06 12345678 ext. 12", "+31 6 12345678 ext. 12"),
    ],
)
def test_a_phone_number_is_kept_in_the_international_form(typed: str, stored: str) -> None:
    assert check(changed(reporter__phone=typed)).reporter.phone == stored


@pytest.mark.parametrize("typed", ["112", "12345", "+31 6 1234", "call me after five", "06-1234"])
def test_what_is_not_a_phone_number_is_refused(typed: str) -> None:
    assert set(problems(changed(reporter__phone=typed))) == {"reporter.phone"}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("j.devries@lyceum.nl", "j.devries@lyceum.nl"),
        ("J.deVries@Lyceum.NL", "J.deVries@lyceum.nl"),
        # No DNS lookup: a domain no one registered is fine if the address is well-formed.
        ("melder@no-such-domain-meldpunt-twente.nl", "melder@no-such-domain-meldpunt-twente.nl"),
    ],
)
def test_an_email_address_is_checked_for_its_form_only(typed: str, stored: str) -> None:
    assert check(changed(reporter__email=typed)).reporter.email == stored


@pytest.mark.parametrize(
    "typed", ["j.devries", "j.devries@", "@lyceum.nl", "j de vries@lyceum.nl", "J. <j@lyceum.nl>"]
)
def test_what_is_not_an_email_address_is_refused(typed: str) -> None:
    found = problems(changed(reporter__email=typed))
    assert found.pop("reporter.email").startswith("not an e-mail address: ")
    assert found == {}


def test_a_report_built_in_code_reaches_the_check_by_its_json_form() -> None:
    built = Report.parse(changed(subject__municipality="enschede", reporter__phone="0612345678"))
    command = RegisterReport(actor="intake", report=built)
    assert command.report == built.model_dump(mode="json")
    report = check(command.report)
    assert (report.subject.municipality, report.reporter.phone) == ("Enschede", "+31 6 12345678")


def test_reference_data_where_one_spelling_names_two_municipalities_does_not_load() -> None:
    data = REFERENCE.model_dump()
    data["municipalities"][0]["aliases"] = ["ENSCHEDE"]
    with pytest.raises(ValidationError, match="'enschede' names both Almelo and Enschede"):
        ReferenceData.model_validate(data)
