"""Partners act only on what they were given: a local team's follow-up only on a case handed to
that very team, CoMensha's placement only on a case referred to it. A refused event says why
and changes nothing."""

from collections.abc import Iterator

import pytest

from adapters.bootstrap import App
from adapters.partners.inbound import Outcome, PartnerInbound
from tests.integration.helpers import fire, register, row_counts
from tests.integration.partners.test_inbound import envelope
from tests.integration.partners.test_outbound import consent
from workflow.commands import WithdrawConsent

ZUID = {"local_team": "Wijkteam Enschede-Zuid", "handover": "overdracht aan Zuid"}
NOORD = {"local_team": "Wijkteam Hengelo-Noord", "handover": "overdracht aan Noord"}


@pytest.fixture
def inbound(app: App) -> Iterator[PartnerInbound]:
    yield PartnerInbound(app.bus, app.partners)


EARLY = "the school called the team the day after the handover"


def directed(app: App) -> str:
    case_id = register(app).case_id
    fire(
        app,
        case_id,
        "assess_risk",
        {"level": "high", "indicators": ["runs_away"], "rationale": "r"},
    )
    fire(app, case_id, "start_case_direction", {"case_director": "anna", "plan": "p"})
    return case_id


def follow_up(inbound: PartnerInbound, case_id: str, team: str) -> tuple[Outcome, str]:
    # A day after the handover, long before the first check-in's day: so with a reason.
    data = {"case_id": case_id, "local_team": team, "outcome": "fine", "reason": EARLY}
    result = inbound.handle(envelope("local_team", "followup_result", data), "local_team")
    return result.outcome, result.reason


def placement(inbound: PartnerInbound, case_id: str) -> tuple[Outcome, str]:
    data = {"case_id": case_id, "description": "opvang geregeld"}
    result = inbound.handle(envelope("comensha", "shelter_placement", data), "comensha")
    return result.outcome, result.reason


def test_a_local_team_follows_up_only_the_cases_handed_to_it(
    app: App, inbound: PartnerInbound
) -> None:
    case_id = directed(app)
    fire(app, case_id, "scale_down", ZUID)
    before = row_counts(app.engine)
    outcome, reason = follow_up(inbound, case_id, NOORD["local_team"])
    assert outcome is Outcome.REFUSED
    assert "not handed over to 'Wijkteam Hengelo-Noord'" in reason
    assert "Zuid" not in reason  # who has the case is not the other team's to know
    assert row_counts(app.engine) == before
    assert follow_up(inbound, case_id, "wijkteam  enschede-zuid") == (Outcome.HANDLED, "")
    assert app.queries.detail(case_id)["follow_ups_done"] == 1


def test_after_a_second_handover_the_first_team_may_no_longer_act(
    app: App, inbound: PartnerInbound
) -> None:
    case_id = directed(app)
    fire(app, case_id, "scale_down", ZUID)
    fire(app, case_id, "escalate", {"reason": "nieuwe signalen"})
    fire(app, case_id, "scale_down", NOORD)
    assert follow_up(inbound, case_id, ZUID["local_team"])[0] is Outcome.REFUSED
    assert follow_up(inbound, case_id, NOORD["local_team"])[0] is Outcome.HANDLED


def test_a_case_never_handed_over_takes_no_follow_up(app: App, inbound: PartnerInbound) -> None:
    case_id = directed(app)
    before = row_counts(app.engine)
    outcome, reason = follow_up(inbound, case_id, ZUID["local_team"])
    assert (outcome, "not handed over" in reason) == (Outcome.REFUSED, True)
    assert row_counts(app.engine) == before


def test_comensha_places_only_on_a_case_referred_to_it(app: App, inbound: PartnerInbound) -> None:
    case_id = directed(app)
    app.dispatcher.drain()  # CoMensha was told, anonymised: without the case's id
    consent(app, case_id, "sharing", "care_provider")  # consent for another partner is none
    before = row_counts(app.engine)
    outcome, reason = placement(inbound, case_id)
    assert outcome is Outcome.REFUSED and "not referred to comensha" in reason
    assert row_counts(app.engine) == before
    consent(app, case_id, "care_referral")
    assert placement(inbound, case_id) == (Outcome.HANDLED, "")


def test_a_case_named_to_comensha_stays_referred_after_the_consent_is_withdrawn(
    app: App, inbound: PartnerInbound
) -> None:
    case_id = register(app).case_id
    consent(app, case_id, "registration")
    fire(
        app,
        case_id,
        "assess_risk",
        {"level": "high", "indicators": ["runs_away"], "rationale": "r"},
    )
    fire(app, case_id, "start_case_direction", {"case_director": "anna", "plan": "p"})
    app.dispatcher.drain()  # the registration names the case, on the consent
    [given] = app.queries.detail(case_id)["consents"]
    app.bus.handle(WithdrawConsent(actor="anna", case_id=case_id, consent_id=given["consent_id"]))
    assert placement(inbound, case_id) == (Outcome.HANDLED, "")
