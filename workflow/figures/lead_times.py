"""Lead times in Dutch working days and the share of each time norm met, per period.

A lead time is the number of working days after the local day the phase began, up to and
including the local day it ended (the same day: 0). A norm of n working days is met when the
phase ended by the end of the n-th working day after the day it began (workflow/calendar.py,
as the deadlines count); it is missed when it ended later, or has not ended and that moment has
passed; a phase still within its norm counts in neither. The median is the middle value (the
mean of the two middle ones); the 90th percentile the smallest lead time with at least 90 % of
them at or below it (nearest rank)."""

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from workflow.calendar import WorkingDayCalendar
from workflow.time_norms import TimeNorms

NORMS = ("assessment", "reporter_feedback", "plan_of_approach")
STATES = ("received", "risk_assessed", "advised", "in_case_direction", "scaled_down_locally")


@dataclass(frozen=True)
class Moments:
    period: str
    received_at: datetime
    risk_level: str | None
    assessed_at: datetime | None
    feedback_at: datetime | None
    direction_at: datetime | None
    plan_at: datetime | None


@dataclass(frozen=True)
class Move:
    case_id: str
    period: str
    state: str  # the state entered
    at: datetime


@dataclass(frozen=True)
class Phase:
    """One case's phase: when it began, ended (None: not yet) and its norm in working days."""

    period: str
    name: str
    began: datetime
    ended: datetime | None
    norm: int | None = None


def working_days_between(calendar: WorkingDayCalendar, start: datetime, end: datetime) -> int:
    first, last = calendar.local_date(start), calendar.local_date(end)
    days, day = 0, first + timedelta(days=1)
    while day <= last:
        days += calendar.is_working_day(day)
        day += timedelta(days=1)
    return days


def norm_phases(moments: Iterable[Moments], norms: TimeNorms) -> list[Phase]:
    phases: list[Phase] = []
    for m in moments:
        acute = m.risk_level == "acute"
        assess = norms.assessment.acute_working_days if acute else norms.assessment.working_days
        phases.append(Phase(m.period, "assessment", m.received_at, m.assessed_at, assess))
        feedback = norms.reporter_feedback.working_days
        phases.append(Phase(m.period, "reporter_feedback", m.received_at, m.feedback_at, feedback))
        if m.direction_at is not None:
            plan = m.plan_at if m.plan_at is None or m.plan_at >= m.direction_at else None
            days = norms.plan_of_approach.working_days
            phases.append(Phase(m.period, "plan_of_approach", m.direction_at, plan, days))
    return phases


def state_phases(moves: Sequence[Move]) -> list[Phase]:
    """The stays in each state from the moves, ordered per case; a stay not yet ended is left
    out of the lead times (it has none yet)."""
    phases: list[Phase] = []
    for move, following in zip(moves, [*moves[1:], None], strict=True):
        if following is not None and following.case_id == move.case_id and move.state in STATES:
            phases.append(Phase(move.period, move.state, move.at, following.at))
    return phases


def nearest_rank(values: Sequence[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(
    phases: Iterable[Phase], calendar: WorkingDayCalendar, now: datetime
) -> dict[tuple[str, str], dict[str, Any]]:
    """By (phase, period): how many ended, median and 90th percentile in working days, and for
    a phase with a norm how many met it, missed it or are still within it."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    days: dict[tuple[str, str], list[int]] = {}
    for p in phases:
        key = (p.name, p.period)
        row = found.setdefault(key, {"met": 0, "missed": 0, "pending": 0})
        if p.ended is not None:
            days.setdefault(key, []).append(working_days_between(calendar, p.began, p.ended))
        if p.norm is None:
            continue
        due = calendar.working_days_after(p.began, p.norm)
        if p.ended is not None:
            row["met" if p.ended < due else "missed"] += 1
        else:
            row["missed" if now >= due else "pending"] += 1
    for key, row in found.items():
        values = days.get(key, [])
        row["ended"] = len(values)
        row["median"] = statistics.median(values) if values else None
        row["p90"] = nearest_rank(values, 0.9) if values else None
    return found
