"""Consent on a case: recorded with who gave it and for what, withdrawn without being erased."""

from datetime import datetime
from typing import Any
from uuid import uuid4

from workflow import events as ev
from workflow.consent import Consent, ConsentData, ConsentWithdrawal
from workflow.errors import InvalidInput
from workflow.history import CaseRecord, validated


class CaseConsent(CaseRecord):
    """Mixed into Case; the attributes are the Case's own fields."""

    new_consents: list[Consent]
    consent_withdrawals: list[ConsentWithdrawal]

    def record_consent(
        self, data: Any, actor: str, at: datetime, correlation_id: str | None = None
    ) -> Consent:
        given = validated(ConsentData, data, "consent")
        problems = given.problems()
        if given.given_at > at:
            problems.append(("given_at", "lies in the future"))
        if problems:
            raise InvalidInput(problems, "consent")
        consent = Consent(
            str(uuid4()),
            self.id,
            given.given_by,
            given.scope,
            given.partner,
            given.given_at,
            actor,
        )
        self.new_consents.append(consent)
        event = ev.ConsentRecorded(
            **self._base(actor, at, correlation_id),
            consent_id=consent.consent_id,
            scope=consent.scope,
            partner=consent.partner,
        )
        record = {"consent_id": consent.consent_id, **given.model_dump(mode="json")}
        self.record("record_consent", record, actor, at, event, correlation_id)
        return consent

    def withdraw_consent(
        self, consent: Consent, actor: str, at: datetime, correlation_id: str | None = None
    ) -> None:
        if consent.case_id != self.id:
            raise InvalidInput([("consent_id", f"not a consent of case '{self.id}'")])
        if consent.withdrawn_at is not None:
            raise InvalidInput(
                [("consent_id", f"already withdrawn on {consent.withdrawn_at:%Y-%m-%d}")]
            )
        self.consent_withdrawals.append(ConsentWithdrawal(consent.consent_id, at, actor))
        event = ev.ConsentWithdrawn(
            **self._base(actor, at, correlation_id),
            consent_id=consent.consent_id,
            scope=consent.scope,
            partner=consent.partner,
        )
        record = {"consent_id": consent.consent_id, "scope": consent.scope.value}
        self.record("withdraw_consent", record, actor, at, event, correlation_id)
