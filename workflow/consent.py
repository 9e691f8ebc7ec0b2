"""Consent as a first-class, dated record: who gave it, for what, and whether it was withdrawn.

Registration with CoMensha, a referral for care and sharing with a named partner are separate
scopes: consent for one is no consent for another (DOMAIN.md, "Consent and sharing")."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from workflow.moments import Moment


class ConsentScope(StrEnum):
    REGISTRATION = "registration"  # registration with CoMensha, beyond the anonymised form
    CARE_REFERRAL = "care_referral"  # referral for shelter or care
    SHARING = "sharing"  # sharing with the partner named in the consent


class ConsentGiver(StrEnum):
    SUBJECT = "subject"
    PARENT_OR_GUARDIAN = "parent_or_guardian"
    LEGAL_REPRESENTATIVE = "legal_representative"


class ConsentData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    given_by: ConsentGiver
    scope: ConsentScope
    # A partner's code as config/data/partners.json spells it: no free text (nor a NUL byte,
    # which PostgreSQL refuses with a server error instead of a clear 400).
    partner: str | None = Field(
        default=None, max_length=40, pattern=r"^[a-z][a-z0-9_]*$", validate_default=True
    )
    given_at: Moment

    @field_validator("partner")
    @classmethod
    def _partner_for_sharing(cls, partner: str | None, info: ValidationInfo) -> str | None:
        if (info.data.get("scope") is ConsentScope.SHARING) != (partner is not None):
            raise PydanticCustomError(
                "partner_for_sharing", "required for scope 'sharing', and only for it"
            )
        return partner


@dataclass(frozen=True)
class Consent:
    consent_id: str
    case_id: str
    given_by: ConsentGiver
    scope: ConsentScope
    partner: str | None
    given_at: datetime
    recorded_by: str
    withdrawn_at: datetime | None = None
    withdrawn_by: str | None = None

    def covers(self, scope: ConsentScope, partner: str | None = None) -> bool:
        """In force for this scope (and partner, for sharing)."""
        if self.withdrawn_at is not None or self.scope is not scope:
            return False
        return scope is not ConsentScope.SHARING or self.partner == partner


@dataclass(frozen=True)
class ConsentWithdrawal:
    consent_id: str
    withdrawn_at: datetime
    withdrawn_by: str
