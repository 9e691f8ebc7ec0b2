"""Advice questions (adviesvragen): a professional asks the Meldpunt for advice without a report
about a named person (a teacher who is unsure). What is recorded holds no name of the person it
is about: the asking organisation, the kind of professional, the municipality, the topics (codes
of the forms of exploitation and of the risk instrument's signals), the advice given, the time it
took and whether it led to a report."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from workflow.errors import InvalidInput, reason, validated
from workflow.noncase_checks import (
    LongText,
    Name,
    canonical_municipality,
    day_problem,
    municipality_problem,
)
from workflow.reference import ReferenceData
from workflow.report import Channel, ExploitationForm, SignalCode

MAX_MINUTES = 24 * 60  # one question, one day at most


class ProfessionalKind(StrEnum):
    TEACHER = "teacher"
    SCHOOL_CARE = "school_care"  # zorgcoördinator, mentor, school social worker
    YOUTH_WORKER = "youth_worker"
    SOCIAL_WORKER = "social_worker"
    HEALTH_CARE = "health_care"
    POLICE = "police"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class AdviceForm(BaseModel):
    """An advice question as it is handed in (CLI, API): its JSON form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    asked_on: date
    channel: Channel
    organisation: Name
    professional: ProfessionalKind
    municipality: Name
    topics: list[SignalCode] = Field(min_length=1, max_length=20)
    advice: LongText
    minutes: int = Field(ge=1, le=MAX_MINUTES)
    led_to_report: bool = False


@dataclass(frozen=True)
class AdviceQuestion:
    """A recorded advice question; `case_id` is the case its report became, if it did."""

    id: str
    form: AdviceForm
    recorded_by: str
    recorded_at: datetime
    case_id: str | None = None


def topic_codes(reference: ReferenceData) -> frozenset[str]:
    """The codes a topic may be: a form of exploitation or a signal of the risk instrument."""
    return frozenset(f.value for f in ExploitationForm) | reference.instrument.codes()


def checked_advice(data: Any, reference: ReferenceData, now: datetime) -> AdviceForm:
    """The advice question `data` describes with its municipality by the canonical name; or
    InvalidInput with every problem at once (nothing is recorded)."""
    form = validated(AdviceForm, data, "advice question", whole="(body)")
    problems: list[tuple[str, str]] = []
    if why := day_problem(form.asked_on, now):
        problems.append(("asked_on", why))
    if why := municipality_problem(form.municipality, reference):
        problems.append(("municipality", why))
    known = topic_codes(reference)
    for index, code in enumerate(form.topics):
        if code not in known:
            why = reason(
                "noncase.unknown_topic",
                "'{code}' is neither a form of exploitation nor a signal of the risk instrument",
                code=code,
            )
            problems.append((f"topics.{index}", why))
    if problems:
        raise InvalidInput(problems, "advice question")
    municipality = canonical_municipality(form.municipality, reference)
    topics = list(dict.fromkeys(form.topics))  # each once, in the order given
    return form.model_copy(update={"municipality": municipality, "topics": topics})
