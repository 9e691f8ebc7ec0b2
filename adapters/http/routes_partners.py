"""Consent on a case, and the partners' own door: publish an event (for partners without AMQP)
and read their own subscription. A partner account names its partner in its team
(`meldpunt users add politie-api --role partner --team police`)."""

import json
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Response
from pydantic import BaseModel

from adapters.gate import Gate
from adapters.http.asking import Guarded
from adapters.http.problems import ProblemError
from adapters.http.routes_changes import _run
from adapters.http.schemas import CaseRefOut
from adapters.partners.inbound import Outcome, PartnerInbound
from workflow.access import Action
from workflow.commands import RecordConsent, WithdrawConsent
from workflow.consent import ConsentData

router = APIRouter(tags=["consent and partners"])


CloudEventBody = Annotated[
    dict[str, Any], Body(description="a CloudEvent 1.0 in structured JSON (docs/partners.md)")
]


class PartnerEventOut(BaseModel):
    outcome: str
    key: str | None


@router.post("/cases/{case_id}/consents", status_code=201, response_model=CaseRefOut)
def record_consent(case_id: UUID, body: ConsentData, gate: Guarded, response: Response) -> Any:
    """Record a consent: who gave it, for which scope (and, for sharing, the partner), when."""
    command = RecordConsent(actor=gate.principal.name, case_id=str(case_id), consent=body)
    return _run(gate, Action.MANAGE_CONSENT, str(case_id), command, response)


@router.post("/cases/{case_id}/consents/{consent_id}/withdrawal", response_model=CaseRefOut)
def withdraw_consent(case_id: UUID, consent_id: UUID, gate: Guarded, response: Response) -> Any:
    """Withdraw a consent: it is kept, and nothing more goes out on it."""
    command = WithdrawConsent(
        actor=gate.principal.name, case_id=str(case_id), consent_id=str(consent_id)
    )
    return _run(gate, Action.MANAGE_CONSENT, str(case_id), command, response)


def _partner(gate: Gate, action: Action) -> str:
    gate.allow(action, "partner")
    code = gate.principal.team
    if code is None or code not in gate.app.partners.partners:
        gate.record(gate.entry("write", "partner", "refused"))
        raise ProblemError(403, "error.title.not_allowed", "api.no_partner")
    return code


@router.post("/partner-events", status_code=202, response_model=PartnerEventOut)
def publish_partner_event(gate: Guarded, event: CloudEventBody) -> Any:
    """A partner's event (docs/partners.md), taken once per (source, id): 202 when taken,
    also for a repeat; 400 naming the reason when refused."""
    partner = _partner(gate, Action.PUBLISH_PARTNER_EVENT)
    result = PartnerInbound(gate.app.bus, gate.app.partners).handle(json.dumps(event), partner)
    outcome = "ok" if result.outcome is not Outcome.REFUSED else "bad_input"
    gate.record(gate.entry("write", "partner_event", outcome))
    if result.outcome is Outcome.REFUSED:
        raise ProblemError(
            400, "api.partner_event_refused", "api.partner_event_refused", result.reason
        )
    return {"outcome": result.outcome.value, "key": result.event_key}


@router.get("/partner/subscription")
def my_subscription(gate: Guarded) -> dict[str, Any]:
    """What this partner sends and receives: its event types and its subscriptions."""
    partner = gate.app.partners.partners[_partner(gate, Action.READ_SUBSCRIPTION)]
    gate.record(gate.entry("read", "partner_subscription", "ok"))
    return partner.model_dump(mode="json")
