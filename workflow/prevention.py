"""Prevention activities and trainings (preventie, voorlichting, trainingen): a school lesson, a
training for professionals or an information session in a municipality of the region. One is
planned first (its expected participants) and marked held later with the real number and hours,
or recorded as held straight away."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from workflow.errors import InvalidInput, reason, validated
from workflow.noncase_checks import (
    Name,
    canonical_municipality,
    day_problem,
    municipality_problem,
    today_in_region,
)
from workflow.reference import ReferenceData

MAX_PARTICIPANTS = 100_000
MAX_HOURS = 1000.0


class PreventionKind(StrEnum):
    SCHOOL_LESSON = "school_lesson"
    TRAINING = "training"
    INFORMATION_SESSION = "information_session"


class Audience(StrEnum):
    PUPILS = "pupils"
    PARENTS = "parents"
    PROFESSIONALS = "professionals"
    VOLUNTEERS = "volunteers"
    GENERAL_PUBLIC = "general_public"


class Status(StrEnum):
    PLANNED = "planned"
    HELD = "held"


class ActivityForm(BaseModel):
    """A prevention activity as it is handed in: planned (`held` false, the expected numbers)
    or held (the real ones)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    on: date
    municipality: Name
    kind: PreventionKind
    audience: Audience
    participants: int = Field(ge=0, le=MAX_PARTICIPANTS)
    partners: list[Name] = Field(default_factory=list, max_length=20)
    hours: float = Field(gt=0, le=MAX_HOURS)
    held: bool = False


class HeldForm(BaseModel):
    """What marks a planned activity held: the real participants and, when they differ from
    the plan, the real hours and day."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    participants: int = Field(ge=0, le=MAX_PARTICIPANTS)
    hours: float | None = Field(default=None, gt=0, le=MAX_HOURS)
    on: date | None = None


@dataclass(frozen=True)
class PreventionActivity:
    id: str
    form: ActivityForm
    recorded_by: str
    recorded_at: datetime
    held_by: str | None = None
    held_at: datetime | None = None

    @property
    def status(self) -> Status:
        return Status.HELD if self.form.held else Status.PLANNED


def checked_activity(data: Any, reference: ReferenceData, now: datetime) -> ActivityForm:
    """The activity `data` describes, its municipality by the canonical name; or InvalidInput
    with every problem. A held one cannot lie in the future; a planned one can."""
    form = validated(ActivityForm, data, "prevention activity", whole="(body)")
    problems: list[tuple[str, str]] = []
    if why := day_problem(form.on, now, future_allowed=not form.held):
        problems.append(("on", why))
    if why := municipality_problem(form.municipality, reference):
        problems.append(("municipality", why))
    if problems:
        raise InvalidInput(problems, "prevention activity")
    municipality = canonical_municipality(form.municipality, reference)
    partners = list(dict.fromkeys(form.partners))
    return form.model_copy(update={"municipality": municipality, "partners": partners})


def marked_held(activity: PreventionActivity, data: Any, now: datetime) -> ActivityForm:
    """The planned `activity` as held, with what `data` says; InvalidInput when it was held
    already, is planned for a later day, or `data` is wrong."""
    held = validated(HeldForm, data, "held", whole="(body)")
    day = held.on or activity.form.on
    problems: list[tuple[str, str]] = []
    if activity.form.held:
        why = reason("noncase.held_already", "activity '{id}' is held already", id=activity.id)
        problems.append(("activity_id", why))
    elif dday := day_problem(day, now):
        place = "on" if held.on else "activity_id"
        if day > today_in_region(now) and held.on is None:
            dday = reason(
                "noncase.planned_later",
                "it is planned for {day}: say the day it was held with on",
                day=day.isoformat(),
            )
        problems.append((place, dday))
    if problems:
        raise InvalidInput(problems, "held")
    update = {"held": True, "participants": held.participants, "on": day}
    return activity.form.model_copy(update=update | ({"hours": held.hours} if held.hours else {}))
