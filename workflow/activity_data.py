"""Activities and follow-up check-ins recorded on a case, validated before the case changes."""

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]


class ActivityKind(StrEnum):
    CONTACT = "contact"
    MEETING = "meeting"
    PLAN_OF_APPROACH = "plan_of_approach"
    REPORTER_FEEDBACK = "reporter_feedback"
    PARTNER_UPDATE = "partner_update"
    NOTE = "note"


class FollowUpOutcome(StrEnum):
    FINE = "fine"
    NEW_SIGNALS = "new_signals"
    NO_CONTACT = "no_contact"


class ActivityData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: ActivityKind
    summary: Summary


class FollowUpData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    outcome: FollowUpOutcome
    notes: Summary | None = None
    # Needed for a follow-up long before its day, or beyond the ones planned.
    reason: Summary | None = None
