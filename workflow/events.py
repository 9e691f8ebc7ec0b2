"""Domain events: what happened, past tense. Thin on purpose: ids and codes, no personal data.

Handlers read the case when they need more, so they do not rely on delivery order: the current
case, or the case as of `case_version` where what was true at the event matters (what partners
are told, handlers/disclosable.py).
"""

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field

from states import RiskLevel, State

# Every event type by its name, as the outbox and the broker carry it: a subclass of Event
# registers itself, so a new event type is one class and nothing else to remember.
EVENT_TYPES: dict[str, type["Event"]] = {}


class Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: UUID = Field(default_factory=uuid4)
    case_id: str
    occurred_at: datetime
    actor: str
    correlation_id: str | None = None
    # The case's version after the change that raised the event (its history entry's seq):
    # whoever reacts later reads the case as it was then, not as it is by the time they run.
    case_version: int | None = None

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        EVENT_TYPES[cls.__name__] = cls


class ReportReceived(Event):
    channel: str


class RiskAssessed(Event):
    level: RiskLevel
    reassessment: bool = False
    confirmed_by: str | None = None  # the team lead who confirmed a lowered level


class AssessmentAwaitingConfirmation(Event):
    """An assessment below the high or acute level the signals point to: a team lead confirms
    it (or not) before it takes effect."""

    level: RiskLevel
    suggested_level: RiskLevel


class CaseAdvised(Event):
    advised_party: str


class CaseDirectionStarted(Event):
    case_director: str
    from_state: State


class CaseScaledDown(Event):
    local_team: str


class CaseEscalated(Event):
    case_director: str | None


class CaseClosed(Event):
    result: str
    from_state: State


class CaseReopened(Event):
    case_director: str | None


def event_from_json(event_type: str, payload: str | bytes) -> Event:
    """Rebuild an event from its outbox or broker form; raises KeyError or ValidationError."""
    return EVENT_TYPES[event_type].model_validate_json(payload)


def event_to_json(event: Event) -> str:
    return event.model_dump_json()


def event_summary(event: Event) -> dict[str, Any]:
    return {"type": type(event).__name__, "event_id": str(event.event_id), "case_id": event.case_id}


class ActivityRecorded(Event):
    kind: str


class FollowUpRecorded(Event):
    seq: int
    outcome: str


class CaseStalled(Event):
    """A deadline passed with nothing done: said once per deadline."""

    deadline_kind: str
    due: datetime
    case_director: str | None


class FollowUpDue(Event):
    seq: int
    due: datetime
    case_director: str | None


class StalledCaseEscalated(Event):
    """The grace after a missed deadline passed too: the team lead is told."""

    deadline_kind: str
    due: datetime


class ReporterFeedbackDue(Event):
    due: datetime
    case_director: str | None


class RevictimisationRiskFlagged(Event):
    earlier_case_id: str
    earlier_case_director: str | None


class AcuteRiskDetected(Event):
    """Acute risk, at intake (the report's signals) or at an assessment: the team lead and the
    police are told at once."""

    municipality: str
    at_intake: bool = False


class CaseReassigned(Event):
    """The case has another case director; the new one and the previous one are told."""

    case_director: str
    previous_case_director: str | None


class ConsentRecorded(Event):
    consent_id: str
    scope: str
    partner: str | None


class ConsentWithdrawn(Event):
    consent_id: str
    scope: str
    partner: str | None


class PartnerSignalRecorded(Event):
    """A partner reported a signal about the person of this case."""

    partner: str
    state: State
