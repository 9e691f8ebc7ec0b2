"""What leaves for partners: only the subscribed fields, thin notifications without personal
data, CoMensha nothing identifying without consent, and every disclosure with its legal basis."""

from typing import Any

import pytest

from adapters.bootstrap import App
from tests.conftest import REPORT
from tests.integration.helpers import fire, register
from workflow.commands import RecordConsent, WithdrawConsent
from workflow.consent import ConsentData
from workflow.errors import InvalidInput, validated
from workflow.report import Report

ACUTE = {"level": "acute", "indicators": ["runs_away"], "rationale": "loopt weg naar vriend"}
START = {"case_director": "anna", "plan": "plan van aanpak"}
SCALE_DOWN = {"local_team": "Wijkteam Enschede-Zuid", "handover": "warme overdracht aan wijkteam"}
IDENTIFYING = ["Fenna", "Testpersoon", "111222333", "2010-03-14", "J. de Vries"]


def whole_life(app: App) -> str:
    """The example report through every subscribed event: acute, direction, down, up, closed."""
    ref = register(app, Report.parse(REPORT))
    fire(app, ref.case_id, "assess_risk", ACUTE)
    fire(app, ref.case_id, "start_case_direction", START)
    fire(app, ref.case_id, "scale_down", SCALE_DOWN)
    fire(app, ref.case_id, "escalate", {"reason": "nieuwe signalen"})
    fire(app, ref.case_id, "close", {"result": "referred_to_care", "reason": "opgenomen"})
    app.dispatcher.drain()
    return ref.case_id


def payloads(app: App, case_id: str) -> list[dict[str, Any]]:
    due = app.deliveries.due(1000, tuple(app.partners.partners))
    return [{"partner": d.partner, "form": d.form, **d.payload} for d in due]


def consent(app: App, case_id: str, scope: str, partner: str | None = None) -> None:
    data = {"given_by": "subject", "scope": scope, "given_at": "2026-11-01T10:00:00+01:00"}
    if partner:
        data["partner"] = partner
    given = validated(ConsentData, data, "consent")
    app.bus.handle(RecordConsent(actor="anna", case_id=case_id, consent=given))


def test_no_message_holds_a_field_outside_its_subscription(app: App) -> None:
    case_id = whole_life(app)
    recorded = app.queries.detail(case_id)["disclosures"]
    assert {(d["partner"], d["event_type"]) for d in recorded} == {
        ("police", "AcuteRiskDetected"),
        ("comensha", "CaseDirectionStarted"),
        ("local_team", "CaseScaledDown"),
        ("veilig_thuis", "CaseClosed"),
    }
    allowed = {}
    for code, partner in app.partners.partners.items():
        for sub in partner.subscriptions:
            allowed[(code, sub.event)] = set(sub.fields) | set(sub.anonymised_fields or [])
    for disclosure, sent in zip(recorded, payloads(app, case_id), strict=True):
        fields = set(sent) - {"partner", "form"}
        assert fields == set(disclosure["fields"])
        if disclosure["form"] == "message":
            assert fields <= allowed[(disclosure["partner"], disclosure["event_type"])]
        assert disclosure["legal_basis"]


def test_thin_notifications_carry_no_personal_data_and_no_risk_level(app: App) -> None:
    case_id = whole_life(app)
    [note] = [p for p in payloads(app, case_id) if p["form"] == "notificatie"]
    assert set(note) - {"partner", "form"} == {
        "kanaal",
        "hoofdObject",
        "resource",
        "resourceUrl",
        "actie",
        "aanmaakdatum",
        "kenmerken",
    }
    assert note["kenmerken"] == {"status": "closed"}
    assert note["resourceUrl"].endswith(f"/api/v1/cases/{case_id}")
    text = str(note)
    for secret in [*IDENTIFYING, "acute", "high", "Enschede"]:
        assert secret not in text


def test_comensha_gets_nothing_identifying_without_consent(app: App) -> None:
    case_id = whole_life(app)
    [registration] = [p for p in payloads(app, case_id) if p["partner"] == "comensha"]
    assert set(registration) - {"partner", "form"} == {
        "exploitation_forms",
        "age",
        "sex",
        "country_of_origin",
    }
    assert (registration["age"], registration["sex"]) == (16, "female")
    for secret in IDENTIFYING:
        assert secret not in str(registration)


def test_comensha_registration_with_consent_names_the_consent(app: App) -> None:
    ref = register(app, Report.parse(REPORT))
    consent(app, ref.case_id, "registration")
    fire(app, ref.case_id, "assess_risk", ACUTE)
    fire(app, ref.case_id, "start_case_direction", START)
    app.dispatcher.drain()
    [registration] = [p for p in payloads(app, ref.case_id) if p["partner"] == "comensha"]
    assert registration["name"] == "Fenna Testpersoon"
    [record] = [
        d for d in app.queries.detail(ref.case_id)["disclosures"] if d["partner"] == "comensha"
    ]
    [given] = app.queries.detail(ref.case_id)["consents"]
    assert record["consent_id"] == given["consent_id"]


def test_a_withdrawn_consent_is_kept_but_no_longer_used(app: App) -> None:
    ref = register(app, Report.parse(REPORT))
    consent(app, ref.case_id, "registration")
    [given] = app.queries.detail(ref.case_id)["consents"]
    app.bus.handle(
        WithdrawConsent(actor="anna", case_id=ref.case_id, consent_id=given["consent_id"])
    )
    fire(app, ref.case_id, "assess_risk", ACUTE)
    fire(app, ref.case_id, "start_case_direction", START)
    app.dispatcher.drain()
    detail = app.queries.detail(ref.case_id)
    assert detail["consents"][0]["withdrawn_by"] == "anna"
    assert [h["trigger"] for h in detail["history"][1:3]] == ["record_consent", "withdraw_consent"]
    [registration] = [p for p in payloads(app, ref.case_id) if p["partner"] == "comensha"]
    assert "name" not in registration


def test_sharing_needs_consent_for_that_very_partner(app: App) -> None:
    def escalated(with_consent_for: str | None) -> list[str]:
        ref = register(app)
        if with_consent_for:
            consent(app, ref.case_id, "sharing", with_consent_for)
        for trigger, data in [
            ("assess_risk", ACUTE),
            ("start_case_direction", START),
            ("scale_down", SCALE_DOWN),
            ("escalate", {"reason": "r"}),
        ]:
            fire(app, ref.case_id, trigger, data)
        app.dispatcher.drain()
        return [d["partner"] for d in app.queries.detail(ref.case_id)["disclosures"]]

    assert "care_provider" not in escalated(None)
    assert "care_provider" not in escalated("school")
    assert "care_provider" in escalated("care_provider")


def test_bad_consent_is_refused_naming_the_field(app: App) -> None:
    ref = register(app)
    cases = [
        (
            {"given_by": "neighbour", "scope": "registration", "given_at": "2026-11-01T10:00:00Z"},
            "given_by",
        ),
        (
            {"given_by": "subject", "scope": "sharing", "given_at": "2026-11-01T10:00:00Z"},
            "partner",
        ),
        (
            {"given_by": "subject", "scope": "registration", "given_at": "2099-01-01T10:00:00Z"},
            "given_at",
        ),
        (  # not a partner's code: PostgreSQL would refuse the NUL with a server error
            {
                "given_by": "subject",
                "scope": "sharing",
                "partner": "care\x00provider",
                "given_at": "2026-11-01T10:00:00Z",
            },
            "partner",
        ),
    ]
    for data, field in cases:
        with pytest.raises(InvalidInput) as refused:
            given = validated(ConsentData, data, "consent")
            app.bus.handle(RecordConsent(actor="anna", case_id=ref.case_id, consent=given))
        assert field in [f for f, _ in refused.value.problems]
    assert app.queries.detail(ref.case_id)["consents"] == []
