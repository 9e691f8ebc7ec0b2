"""Command handlers for consent: record it, withdraw it. Both are part of the case's history."""

from collections.abc import Callable
from datetime import datetime

from handlers.cases import CaseRef
from workflow.commands import RecordConsent, WithdrawConsent
from workflow.errors import InvalidInput
from workflow.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def record_consent(command: RecordConsent, uow: UnitOfWork, clock: Clock) -> CaseRef:
    with uow:
        case = uow.cases.get(command.case_id)
        case.record_consent(command.consent, command.actor, clock(), command.correlation_id)
        uow.commit()
    return CaseRef(case.id, case.state, case.version)


def withdraw_consent(command: WithdrawConsent, uow: UnitOfWork, clock: Clock) -> CaseRef:
    with uow:
        case = uow.cases.get(command.case_id)
        consent = next(
            (c for c in uow.cases.consents(case.id) if c.consent_id == command.consent_id), None
        )
        if consent is None:
            raise InvalidInput(
                [("consent_id", f"no consent '{command.consent_id}' on case '{case.id}'")]
            )
        case.withdraw_consent(consent, command.actor, clock(), command.correlation_id)
        uow.commit()
    return CaseRef(case.id, case.state, case.version)
