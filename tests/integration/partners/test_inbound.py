"""Partner events in: each partner's types become their commands, once; whatever is malformed,
forged or unknown is refused with its reason and blocks nothing behind it."""

import json
from typing import Any

import pytest

from adapters.bootstrap import App
from adapters.partners.inbound import Outcome, PartnerInbound
from tests.conftest import report_data
from tests.integration.helpers import all_cases, fire, notifications_for, register, row_counts
from tests.integration.partners.test_outbound import consent
from workflow.report import Report

SOURCES = {
    "police": "urn:nl:politie:mensenhandel",
    "comensha": "urn:nl:comensha",
    "local_team": "urn:nl:twente:lokale-teams",
    "veilig_thuis": "urn:nl:veiligthuis:twente",
    "school": "urn:nl:twente:scholen",
    "care_provider": "urn:nl:twente:zorgaanbieders",
}
_ids = iter(range(1, 10_000))
NO_CASE = "00000000-0000-4000-8000-000000000000"  # a case id no case has

EARLY = "the school called the team the day after the handover"


def envelope(partner: str, kind: str, data: Any, **extra: Any) -> str:
    return json.dumps(
        {
            "specversion": "1.0",
            "id": f"e-{next(_ids)}",
            "source": SOURCES[partner],
            "type": f"nl.meldpunt.{kind}",
            "data": data,
            **extra,
        }
    )


def scaled_down(app: App) -> str:
    ref = register(app)
    for trigger, data in [
        ("assess_risk", {"level": "high", "indicators": ["runs_away"], "rationale": "r"}),
        ("start_case_direction", {"case_director": "anna", "plan": "p"}),
        ("scale_down", {"local_team": "Wijkteam", "handover": "h"}),
    ]:
        fire(app, ref.case_id, trigger, data)
    return ref.case_id


@pytest.fixture
def inbound(app: App) -> PartnerInbound:
    return PartnerInbound(app.bus, app.partners)


def test_a_report_forwarded_by_veilig_thuis_or_a_school_is_registered(
    app: App, inbound: PartnerInbound
) -> None:
    for partner in ("veilig_thuis", "school"):
        result = inbound.handle(envelope(partner, "report", report_data()), partner)
        assert result.outcome is Outcome.HANDLED, result.reason
    listed = all_cases(app)
    assert len(listed) == 2
    assert {app.queries.detail(c["case_id"])["history"][0]["actor"] for c in listed} == {
        "partner:veilig_thuis",
        "partner:school",
    }


def test_the_same_event_twice_has_one_effect(app: App, inbound: PartnerInbound) -> None:
    event = envelope("veilig_thuis", "report", report_data())
    assert inbound.handle(event, "veilig_thuis").outcome is Outcome.HANDLED
    before = row_counts(app.engine)
    assert inbound.handle(event, "veilig_thuis").outcome is Outcome.DUPLICATE
    assert row_counts(app.engine) == before


def test_a_police_signal_on_a_scaled_down_case_suggests_escalation(
    app: App, inbound: PartnerInbound
) -> None:
    case_id = scaled_down(app)
    data = {"case_id": case_id, "signals": ["hotel_visits"], "description": "gezien"}
    assert inbound.handle(envelope("police", "signal", data), "police").outcome is Outcome.HANDLED
    app.dispatcher.drain()
    assert "escalation_suggested" in [n["kind"] for n in notifications_for(app, "anna")]
    assert app.queries.detail(case_id)["history"][-1]["actor"] == "partner:police"


def test_a_signal_about_a_watched_person_flags_re_victimisation(
    app: App, inbound: PartnerInbound
) -> None:
    person = report_data()
    ref = register(app, Report.parse(person))
    fire(
        app,
        ref.case_id,
        "assess_risk",
        {"level": "high", "indicators": ["runs_away"], "rationale": "r"},
    )
    fire(app, ref.case_id, "start_case_direction", {"case_director": "anna", "plan": "p"})
    fire(app, ref.case_id, "close", {"result": "referred_to_care", "reason": "r"})
    subject = {"bsn": person["subject"]["bsn"], "municipality": "Enschede"}  # type: ignore[index]
    data = {"subject": subject, "signals": ["runs_away"]}
    assert inbound.handle(envelope("school", "signal", data), "school").outcome is Outcome.HANDLED
    app.dispatcher.drain()
    assert app.queries.detail(ref.case_id)["history"][-1]["trigger"] == "revictimisation_watch"
    assert "revictimisation_risk" in [n["kind"] for n in notifications_for(app, "anna")]


def test_comensha_placements_and_local_team_follow_ups_land_on_the_case(
    app: App, inbound: PartnerInbound
) -> None:
    case_id = scaled_down(app)
    consent(app, case_id, "care_referral")
    placed = envelope("comensha", "shelter_placement", {"case_id": case_id, "description": "x"})
    data = {"case_id": case_id, "local_team": "Wijkteam", "outcome": "fine", "reason": EARLY}
    result = envelope("local_team", "followup_result", data)
    assert inbound.handle(placed, "comensha").outcome is Outcome.HANDLED
    assert inbound.handle(result, "local_team").outcome is Outcome.HANDLED
    detail = app.queries.detail(case_id)
    assert [h["trigger"] for h in detail["history"][-2:]] == ["partner_signal", "record_follow_up"]
    assert detail["history"][-2]["actor"] == "partner:comensha"
    assert detail["follow_ups_done"] == 1


MALFORMED: list[tuple[str, str | None, str]] = [
    ("not json", None, "not JSON"),
    ("[1, 2]", None, "JSON object"),
    (
        json.dumps({"id": "x", "source": SOURCES["police"], "type": "t", "data": {}}),
        None,
        "specversion",
    ),
    (
        json.dumps({"specversion": "0.3", "id": "x", "source": "s", "type": "t", "data": {}}),
        None,
        "specversion",
    ),
    (envelope("police", "signal", {}).replace('"data": {}', '"data": "x"'), None, "data"),
    (
        json.dumps(
            {"specversion": "1.0", "id": "x", "source": "urn:evil", "type": "t", "data": {}}
        ),
        None,
        "unknown partner source",
    ),
    (envelope("police", "report", {}), "police", "not an event of police"),
    (envelope("police", "signal", {"signals": []}), "school", "belongs to police"),
    (envelope("police", "signal", {"signals": []}), "police", "case id or a subject"),
    (envelope("police", "signal", {"case_id": "nope"}), "police", "data.case_id"),
    (
        envelope("police", "signal", {"case_id": NO_CASE, "signals": ["flying"]}),
        "police",
        "unknown signal",
    ),
    (envelope("police", "signal", {"case_id": NO_CASE, "colour": "red"}), "police", "data.colour"),
    (envelope("veilig_thuis", "report", {"channel": "phone"}), "veilig_thuis", "received_at"),
    (
        envelope("local_team", "followup_result", {"case_id": "x", "outcome": "great"}),
        "local_team",
        "data.outcome",
    ),
    (envelope("comensha", "shelter_placement", {}), "comensha", "data.case_id"),
]


@pytest.mark.parametrize(("body", "published_as", "reason"), MALFORMED)
def test_malformed_or_forged_events_are_refused_with_their_reason(
    app: App, inbound: PartnerInbound, body: str, published_as: str | None, reason: str
) -> None:
    before = row_counts(app.engine)
    result = inbound.handle(body, published_as)
    assert result.outcome is Outcome.REFUSED
    assert reason in result.reason
    assert row_counts(app.engine) == before


def test_a_refused_event_blocks_nothing_behind_it(app: App, inbound: PartnerInbound) -> None:
    outcomes = [inbound.handle(body, who).outcome for body, who, _ in MALFORMED]
    good = inbound.handle(envelope("school", "report", report_data()), "school")
    assert set(outcomes) == {Outcome.REFUSED} and good.outcome is Outcome.HANDLED
