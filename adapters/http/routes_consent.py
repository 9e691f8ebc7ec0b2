"""Consent on a case: recorded and withdrawn, each a command on the case (docs/partners.md)."""

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Response

from adapters.http.asking import Guarded
from adapters.http.routes_changes import _run
from adapters.http.schemas import CaseRefOut
from workflow.access import Action
from workflow.commands import RecordConsent, WithdrawConsent
from workflow.consent import ConsentData

router = APIRouter(tags=["consent"])


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
