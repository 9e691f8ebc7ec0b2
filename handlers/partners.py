"""Telling partners what they need to know, and no more.

Each subscription names its fields; only those leave. A subscription that needs consent sends
nothing without it, or only its anonymised fields. Every message is recorded as a disclosure
with its legal basis, in the same transaction as the handled-message row, so it goes out once."""

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from handlers.disclosable import FIELDS, Disclosable
from workflow import events
from workflow.partners import NO_CHANNEL, Disclosure, Form, PartnerDirectory, Subscription
from workflow.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]

ACTIONS = {"ReportReceived": "create"}  # every other change of a case: "update"
NOTIFICATIE_FIELDS = [
    "kanaal",
    "hoofdObject",
    "resource",
    "resourceUrl",
    "actie",
    "aanmaakdatum",
    "kenmerken",
]


def inform_partners(
    event: events.Event,
    uow: UnitOfWork,
    clock: Clock,
    partners: PartnerDirectory,
    partner_channels: Mapping[str, str],
    public_base_url: str,
) -> None:
    """One disclosure per subscribing partner, queued with the channel the partner has in this
    mode (none: it waits; the delivery takes the channel the mode has when it runs)."""
    facts = Disclosable(event, uow, public_base_url)
    kind = type(event).__name__
    for code, subscription in partners.subscribed_to(kind):
        terms = _terms(subscription, code, uow, event.case_id)
        if terms is None:
            continue  # needs consent there is not, and has no anonymised form
        fields, basis, consent_id = terms
        if subscription.form is Form.NOTIFICATIE:
            payload, fields = notificatie(event, facts, partners.kanaal), NOTIFICATIE_FIELDS
        else:
            payload = {name: facts.get(name) for name in fields}
        uow.disclosures.add(
            Disclosure(
                event.case_id,
                code,
                str(event.event_id),
                kind,
                subscription.form,
                basis,
                payload,
                partner_channels.get(code, NO_CHANNEL),
                clock(),
                consent_id,
                list(fields),
            )
        )


def _terms(
    subscription: Subscription, partner: str, uow: UnitOfWork, case_id: str
) -> tuple[list[str], str, str | None] | None:
    """Which fields may go, on which basis: full with consent, anonymised or nothing without."""
    if subscription.consent_scope is None:
        return subscription.fields, subscription.legal_basis, None
    consent = next(
        (c for c in uow.cases.consents(case_id) if c.covers(subscription.consent_scope, partner)),
        None,
    )
    if consent is not None:
        return subscription.fields, subscription.legal_basis, consent.consent_id
    if subscription.anonymised_fields is None:
        return None
    basis = subscription.anonymised_basis or "anonymised: no personal data"
    return subscription.anonymised_fields, basis, None


def notificatie(event: events.Event, facts: Disclosable, kanaal: str) -> dict[str, Any]:
    """A notificatie in the Notificaties API shape: where to look, never what is there.
    `kenmerken` holds the state only: no name, no risk level, no personal data."""
    return {
        "kanaal": kanaal,
        "hoofdObject": facts.case_url,
        "resource": "case",
        "resourceUrl": facts.case_url,
        "actie": ACTIONS.get(type(event).__name__, "update"),
        "aanmaakdatum": event.occurred_at.isoformat(),
        "kenmerken": {"status": FIELDS["state"](facts)},
    }
