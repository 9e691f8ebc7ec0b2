"""From a partner's event data to a command, each data shape validated with pydantic."""

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adapters.partners.cloudevents import CloudEvent
from workflow.activity_data import FollowUpData, FollowUpOutcome
from workflow.commands import (
    Command,
    RecordPartnerFollowUp,
    RecordPartnerSignal,
    RecordPlacement,
    RegisterReport,
)
from workflow.errors import InvalidInput, validated
from workflow.plain_text import PRINTABLE
from workflow.report import MAX_SIGNALS, Channel, Subject
from workflow.report_dates import date_of_birth_problem

Mapper = Callable[[str, CloudEvent], Command]


class SignalData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    case_id: UUID | None = None
    subject: Subject | None = None
    signals: list[str] = Field(default_factory=list, max_length=MAX_SIGNALS)
    description: str = Field(default="", max_length=20_000)


class PlacementData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    case_id: UUID
    description: str = Field(default="", max_length=20_000)


class FollowUpResultData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    case_id: UUID
    # Which local team reports: the name the case's handover gave it (all teams are one
    # partner, `local_team`); a team acts only on the cases handed to it.
    local_team: str = Field(min_length=1, max_length=200, pattern=PRINTABLE)
    outcome: FollowUpOutcome
    notes: str | None = Field(default=None, max_length=20_000)
    # Why, for a follow-up long before its day or beyond the planned ones (as for a person).
    reason: str | None = Field(default=None, max_length=2_000)


M = TypeVar("M", bound=BaseModel)


def _data(model: type[M], event: CloudEvent) -> M:
    return validated(model, event.data, "partner event", under="data")


def _base(partner: str, event: CloudEvent) -> dict[str, Any]:
    return {"actor": f"partner:{partner}", "idempotency_key": event.key}


def report(partner: str, event: CloudEvent) -> Command:
    """A report forwarded by a partner (Veilig Thuis, a school): registered like any other."""
    forwarded = {**event.data, "channel": Channel.PARTNER.value}
    return RegisterReport(report=forwarded, **_base(partner, event))


def signal(partner: str, event: CloudEvent) -> Command:
    data = _data(SignalData, event)
    born = data.subject.date_of_birth if data.subject else None
    # The bounds of a report's birth date (workflow/report_dates.py), the event's time standing
    # in for the day the report came in.
    if born is not None and (problem := date_of_birth_problem(born, event.time)):
        raise InvalidInput([("data.subject.date_of_birth", problem)], "partner event")
    return RecordPartnerSignal(
        partner=partner,
        case_id=str(data.case_id) if data.case_id else None,
        subject=data.subject,
        kind="signal",
        signals=data.signals,
        description=data.description,
        **_base(partner, event),
    )


def placement(kind: str) -> Mapper:
    """CoMensha's shelter placement or care registration, recorded on a case referred to it."""

    def to_command(partner: str, event: CloudEvent) -> Command:
        data = _data(PlacementData, event)
        return RecordPlacement(
            partner=partner,
            case_id=str(data.case_id),
            kind=kind,
            description=data.description,
            **_base(partner, event),
        )

    return to_command


def followup_result(partner: str, event: CloudEvent) -> Command:
    data = _data(FollowUpResultData, event)
    follow_up = FollowUpData(
        outcome=data.outcome, notes=data.notes or None, reason=data.reason or None
    )
    return RecordPartnerFollowUp(
        partner=partner,
        local_team=data.local_team,
        case_id=str(data.case_id),
        follow_up=follow_up,
        **_base(partner, event),
    )
