"""Partners and what each may be told: subscriptions per event, the fields allowed, and the legal
basis of each disclosure. Loaded from `config/data/partners.json`; nothing else leaves."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from workflow.consent import ConsentScope

# The channel a disclosure records when its partner has none in the current mode: it waits.
NO_CHANNEL = "none"


class Form(StrEnum):
    NOTIFICATIE = "notificatie"  # thin, in the Notificaties API shape: no personal data
    MESSAGE = "message"  # the fields the partner needs to act, and no more


class Subscription(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    event: str
    form: Form
    fields: list[str] = Field(default_factory=list)
    legal_basis: str
    consent_scope: ConsentScope | None = None
    # Without the consent: send nothing, or only these fields under `anonymised_basis`.
    anonymised_fields: list[str] | None = None
    anonymised_basis: str | None = None


class Partner(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    source: str  # the CloudEvents `source` this partner publishes as
    channel: Literal["amqp", "webhook"]
    inbound_types: list[str] = Field(default_factory=list)
    subscriptions: list[Subscription] = Field(default_factory=list)


class PartnerDirectory(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    kanaal: str
    partners: dict[str, Partner]

    def subscribed_to(self, event_type: str) -> list[tuple[str, Subscription]]:
        return [
            (code, sub)
            for code, partner in self.partners.items()
            for sub in partner.subscriptions
            if sub.event == event_type
        ]

    def by_source(self, source: str) -> str | None:
        return next((c for c, p in self.partners.items() if p.source == source), None)


@dataclass(frozen=True)
class Disclosure:
    """One message to one partner, with the legal basis it went out on."""

    case_id: str
    partner: str
    event_id: str
    event_type: str
    form: Form
    legal_basis: str
    payload: dict[str, Any]
    channel: str
    created_at: datetime
    consent_id: str | None = None
    fields: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StuckDisclosure:
    """A disclosure still waiting to be delivered: what the team lead and the listing see.
    Nothing of its payload: no personal data."""

    id: int
    case_id: str
    partner: str
    event_type: str
    created_at: datetime
    attempts: int
    last_error: str | None
