"""Intake on a real database: malformed reports leave nothing, the same person is recognised,
possible duplicates are decided by a person, and assessments follow the instrument."""

import copy
import json
from typing import Any

import pytest

from adapters.bootstrap import App
from adapters.db.unit_of_work import SqlUnitOfWork
from adapters.partners.inbound import Outcome, PartnerInbound
from states import TriggerRefused
from tests.conftest import REPORT, report_data
from tests.integration.helpers import all_cases, fire, notifications_for, register, row_counts
from workflow.commands import DecideDuplicate, RegisterReport
from workflow.errors import InvalidInput
from workflow.report import Report

BORN = "2009-06-30"  # a birth date shared on purpose by the near-match tests


def spoil(path: str, value: Any) -> dict[str, Any]:
    """The example report with one field replaced (or removed, for value ...)."""
    report = copy.deepcopy(REPORT)
    *parents, leaf = path.split(".")
    target: Any = report
    for part in parents:
        target = target[part]
    if value is ...:
        del target[leaf]
    else:
        target[leaf] = value
    return report


MALFORMED: list[tuple[Any, str]] = [
    (spoil("received_at", ...), "received_at"),
    (spoil("received_at", "yesterday"), "received_at"),
    (spoil("received_at", "2026-11-02T10:15:00"), "received_at"),  # no time zone
    (spoil("received_at", "0001-01-01T00:00:00+14:00"), "received_at"),  # before year 1 in UTC
    (spoil("received_at", "9999-12-31T23:59:59Z"), "received_at"),
    (spoil("received_at", "1999-12-31T23:59:59+01:00"), "received_at"),  # before 2000
    (spoil("received_at", "2099-01-01T00:00:00+01:00"), "received_at"),  # in the future
    (spoil("channel", ...), "channel"),
    (spoil("channel", "pigeon"), "channel"),
    (spoil("reporter", ...), "reporter"),
    (spoil("reporter", "J. de Vries"), "reporter"),
    (spoil("reporter.kind", "neighbour"), "reporter.kind"),
    (spoil("reporter.name", ""), "reporter.name"),
    (spoil("reporter.shoe_size", 42), "reporter.shoe_size"),
    (spoil("reporter.email", "j.devries(at)lyceum.nl"), "reporter.email"),
    (spoil("reporter.phone", "112"), "reporter.phone"),
    (spoil("reporter.phone", "bel na vijven"), "reporter.phone"),
    (spoil("subject", ...), "subject"),
    (spoil("subject.municipality", ...), "subject.municipality"),
    (spoil("subject.municipality", "Enshede"), "subject.municipality"),
    (spoil("subject.municipality", "Zwolle"), "subject.municipality"),
    (spoil("subject.outside_twente", True), "subject.municipality"),  # Enschede is in Twente
    (spoil("subject.bsn", "111222334"), "subject.bsn"),  # fails the 11-test
    (spoil("subject.bsn", "12345"), "subject.bsn"),
    (spoil("subject.bsn", 111222333), "subject.bsn"),
    (spoil("subject.date_of_birth", "14-03-2010"), "subject.date_of_birth"),
    (spoil("subject.date_of_birth", "2030-01-01"), "subject.date_of_birth"),  # after the report
    (spoil("subject.date_of_birth", "9999-12-31"), "subject.date_of_birth"),
    (spoil("subject.date_of_birth", "0001-01-01"), "subject.date_of_birth"),  # before 1900
    (spoil("subject.age_estimate", -1), "subject.age_estimate"),
    (spoil("subject.age_estimate", 300), "subject.age_estimate"),
    (spoil("subject.sex", "x"), "subject.sex"),
    (spoil("exploitation_forms", []), "exploitation_forms"),
    (spoil("exploitation_forms", ["sexual", "piracy"]), "exploitation_forms.1"),
    (spoil("exploitation_forms", "sexual"), "exploitation_forms"),
    (spoil("signals", ["Runs Away"]), "signals.0"),
    (spoil("signals", ["runs_away", "flying"]), "signals.1"),  # not in the instrument
    (spoil("signals", "runs_away"), "signals"),
    (spoil("description", 42), "description"),
    (spoil("description", "x" * 50_001), "description"),
    (spoil("colour", "blue"), "colour"),
    ([], "(body)"),
    ("a report", "(body)"),
]


@pytest.mark.parametrize(("body", "field"), MALFORMED, ids=[f for _, f in MALFORMED])
def test_a_malformed_report_is_refused_naming_the_field_and_leaves_no_row(
    app: App, body: Any, field: str
) -> None:
    before = row_counts(app.engine)
    with pytest.raises(InvalidInput) as refused:
        app.bus.handle(RegisterReport(actor="intake", report=body))
    assert [f for f, _ in refused.value.problems] == [field]
    assert row_counts(app.engine) == before


def test_all_problems_are_listed_at_once_and_nothing_is_kept(app: App) -> None:
    """The JSON form's, the dates', the contact details' and the reference data's, in one."""
    body = spoil("channel", "pigeon")
    body["subject"].update(bsn="123", date_of_birth="2030-01-01", municipality="Atlantis")
    body["reporter"]["email"] = "j.devries@"
    body["signals"] = ["runs_away", "flying"]
    before = row_counts(app.engine)
    with pytest.raises(InvalidInput) as refused:
        app.bus.handle(RegisterReport(actor="intake", report=body))
    assert {f for f, _ in refused.value.problems} == {
        "channel",
        "subject.bsn",
        "subject.date_of_birth",
        "subject.municipality",
        "reporter.email",
        "signals.1",
    }
    assert row_counts(app.engine) == before


def test_a_case_keeps_the_municipalitys_name_and_the_contact_details_in_normal_form(
    app: App,
) -> None:
    body = report_data(municipality="rijssen/holten")
    body["reporter"] = {**body["reporter"], "phone": "0612345678", "email": "J.deVries@Lyceum.NL"}  # type: ignore[dict-item]
    ref = register(app, body)
    assert app.queries.detail(ref.case_id)["municipality"] == "Rijssen-Holten"
    assert app.statistics.counts(threshold=1)["by"]["municipality"] == {"Rijssen-Holten": 1}
    with SqlUnitOfWork(app.engine, app.cipher, app.clock) as uow:
        stored = uow.cases.report(ref.case_id)
    assert stored.subject.municipality == "Rijssen-Holten"
    assert (stored.reporter.phone, stored.reporter.email) == (
        "+31 6 12345678",
        "J.deVries@lyceum.nl",
    )


def test_a_report_forwarded_by_a_partner_is_checked_the_same_way(app: App) -> None:
    inbound = PartnerInbound(app.bus, app.partners)
    body = report_data(municipality="Atlantis", date_of_birth="0001-01-01")
    body["signals"] = ["flying"]
    event = {"specversion": "1.0", "id": "vt-1", "source": "urn:nl:veiligthuis:twente"}
    event.update(type="nl.meldpunt.report", data=body)  # type: ignore[arg-type]
    refused = inbound.handle(json.dumps(event), "veilig_thuis")
    assert refused.outcome is Outcome.REFUSED
    for field in ("subject.municipality", "subject.date_of_birth", "signals.0"):
        assert f"{field}: " in refused.reason, refused.reason
    body = report_data(municipality="ENSCHEDE")
    event.update(id="vt-2", data=body)  # type: ignore[arg-type]
    assert inbound.handle(json.dumps(event), "veilig_thuis").outcome is Outcome.HANDLED
    [case] = all_cases(app)
    assert case["municipality"] == "Enschede"


def test_the_same_person_again_is_linked_flagged_and_held_at_high(app: App) -> None:
    person = report_data()
    first = register(app, Report.parse(person))
    fire(app, first.case_id, "close", {"result": "referred_to_care", "reason": "r"})
    again = register(app, Report.parse({**person, "description": "again"}))
    detail = app.queries.detail(again.case_id)
    assert detail["linked_cases"][0]["case_id"] == first.case_id
    assert detail["risk_floor"] == "high"
    assert detail["history"][-1]["trigger"] == "linked_to_earlier_cases"
    with pytest.raises(InvalidInput, match="at least 'high'"):
        fire(
            app,
            again.case_id,
            "assess_risk",
            {"level": "elevated", "indicators": ["runs_away"], "rationale": "r"},
        )
    fire(
        app,
        again.case_id,
        "assess_risk",
        {"level": "high", "indicators": ["runs_away"], "rationale": "r"},
    )
    app.dispatcher.drain()
    warned = notifications_for(app, "role:team_lead")
    assert [n["kind"] for n in warned] == ["revictimisation_risk"]


def test_the_same_name_and_birth_date_without_bsn_is_the_same_person(app: App) -> None:
    person = report_data()
    first = register(app, Report.parse(person))
    same = {"name": person["subject"]["name"], "date_of_birth": person["subject"]["date_of_birth"]}
    second = register(app, Report.parse(report_data(bsn=None, **same)))
    links = app.queries.detail(second.case_id)["linked_cases"]
    assert [(lnk["case_id"], lnk["kind"]) for lnk in links] == [(first.case_id, "same_subject")]


def test_a_similar_name_is_proposed_and_a_person_decides(app: App) -> None:
    first = register(
        app, Report.parse(report_data(bsn=None, name="Fenna Testpersoon", date_of_birth=BORN))
    )
    other = register(
        app, Report.parse(report_data(bsn=None, name="Jan Jansen", date_of_birth=BORN))
    )
    near = register(
        app, Report.parse(report_data(bsn=None, name="Fena Testpersoon", date_of_birth=BORN))
    )
    links = app.queries.detail(near.case_id)["linked_cases"]
    assert [(lnk["case_id"], lnk["kind"], lnk["status"]) for lnk in links] == [
        (first.case_id, "possible_duplicate", "open")
    ]
    assert other.case_id not in {lnk["case_id"] for lnk in links}
    app.bus.handle(
        DecideDuplicate(actor="tl", case_id=near.case_id, other_case_id=first.case_id, confirm=True)
    )
    detail = app.queries.detail(near.case_id)
    assert detail["linked_cases"][0]["status"] == "confirmed"
    assert detail["linked_cases"][0]["decided_by"] == "tl"
    assert detail["risk_floor"] == "high"
    with pytest.raises(InvalidInput, match="not an open possible duplicate"):
        app.bus.handle(
            DecideDuplicate(
                actor="tl", case_id=near.case_id, other_case_id=first.case_id, confirm=False
            )
        )


def test_a_rejected_duplicate_changes_no_risk(app: App) -> None:
    first = register(
        app, Report.parse(report_data(bsn=None, name="Fenna Testpersoon", date_of_birth=BORN))
    )
    near = register(
        app, Report.parse(report_data(bsn=None, name="Fenna Testpersoonn", date_of_birth=BORN))
    )
    app.bus.handle(
        DecideDuplicate(
            actor="tl", case_id=near.case_id, other_case_id=first.case_id, confirm=False
        )
    )
    detail = app.queries.detail(near.case_id)
    assert (detail["linked_cases"][0]["status"], detail["risk_floor"]) == ("rejected", None)


def test_an_assessment_records_the_instruments_suggestion(app: App) -> None:
    ref = register(app)
    fire(
        app,
        ref.case_id,
        "assess_risk",
        {"level": "acute", "indicators": ["runs_away", "older_boyfriend"], "rationale": "r"},
    )
    assessment = app.queries.last_assessment(ref.case_id)
    assert assessment is not None
    assert assessment["suggested_level"] == "acute"
    assert assessment["deviates"] is False
    assert assessment["rules"] == ["runaway_with_contact_or_images"]
    assert assessment["instrument_version"] == app.reference.instrument.version


def test_unknown_indicators_are_refused(app: App) -> None:
    ref = register(app)
    before = row_counts(app.engine)
    with pytest.raises(InvalidInput) as refused:
        fire(
            app,
            ref.case_id,
            "assess_risk",
            {"level": "high", "indicators": ["runs_away", "flying"], "rationale": "r"},
        )
    assert refused.value.problems[0][0] == "indicators.1"
    assert row_counts(app.engine) == before


def test_acute_risk_alerts_the_team_lead_and_queues_the_police(app: App) -> None:
    ref = register(app)
    fire(
        app,
        ref.case_id,
        "assess_risk",
        {"level": "acute", "indicators": ["runs_away"], "rationale": "r"},
    )
    app.dispatcher.drain()
    assert "acute_risk" in [n["kind"] for n in notifications_for(app, "role:team_lead")]
    [police] = app.deliveries.for_case(ref.case_id)
    assert (police["partner"], police["event_type"]) == ("police", "AcuteRiskDetected")


def test_bad_data_is_refused_at_the_door_and_a_refused_trigger_by_the_case(app: App) -> None:
    """Data is typed before the command exists: bad data names its fields whatever the case's
    state; good data for a trigger the state does not allow is refused by the machine."""
    ref = register(app)
    with pytest.raises(InvalidInput) as bad:
        fire(app, ref.case_id, "scale_down", {"local_team": "", "handover": ""})
    assert {f for f, _ in bad.value.problems} == {"local_team", "handover"}
    with pytest.raises(TriggerRefused):
        fire(app, ref.case_id, "scale_down", {"local_team": "Wijkteam", "handover": "warm"})
    assert app.queries.detail(ref.case_id)["version"] == 1
