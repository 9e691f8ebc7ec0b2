"""The next deadline of a case, computed from its facts and the time norms.

Computed, not polled: every change stores the next deadline and the moment of its next alert
in indexed columns, so a sweep costs what it finds.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Protocol

from states import RiskLevel, State
from workflow.calendar import WorkingDayCalendar, add_months
from workflow.time_norms import TimeNorms


@dataclass(frozen=True)
class Deadline:
    kind: str
    due: datetime
    alert_at: datetime  # when the first alert fires: at `due`, or the morning of a check-in day


class DeadlinePolicy:
    def __init__(self, norms: TimeNorms, calendar: WorkingDayCalendar) -> None:
        self.norms = norms
        self.calendar = calendar

    def next_deadline(self, case: "DeadlineInputs") -> Deadline | None:
        norms, after = self.norms, self.calendar.working_days_after
        entered = case.state_entered_at or case.received_at
        match case.state:
            case State.RECEIVED:
                days = (
                    norms.assessment.acute_working_days
                    if case.is_acute
                    else norms.assessment.working_days
                )
                return self._at("assessment", after(case.received_at, days))
            case State.RISK_ASSESSED:
                days = norms.next_step_after_assessment.working_days
                return self._at("next_step", after(entered, days))
            case State.ADVISED:
                return self._at(
                    "decision", after(entered, norms.decision_after_advice.working_days)
                )
            case State.IN_CASE_DIRECTION:
                if case.needs_plan:
                    days = norms.plan_of_approach.working_days
                    return self._at("plan_of_approach", after(entered, days))
                last = case.last_activity_at or entered
                days = norms.inactivity_in_case_direction.working_days
                return self._at("activity", after(last, days))
            case State.SCALED_DOWN_LOCALLY:
                return self._follow_up(case, entered)
        return None

    def follow_up_opens(self, case: "DeadlineInputs") -> datetime | None:
        """From when the next planned follow-up may be recorded without a reason: some working
        days before its day. None when all planned follow-ups are done."""
        deadline = self._follow_up(case, case.state_entered_at or case.received_at)
        if deadline.kind != "follow_up":
            return None
        day = self.calendar.local_date(deadline.alert_at)
        early = self.norms.follow_up_early_working_days
        opens = self.calendar.working_days_before(day, early)
        return datetime.combine(opens, time(0), tzinfo=self.calendar.tz)

    def feedback_due(self, received_at: datetime) -> datetime:
        return self.calendar.working_days_after(
            received_at, self.norms.reporter_feedback.working_days
        )

    def grace_end(self, due: datetime) -> datetime:
        """End of the grace after a missed deadline: that many working days after the due day."""
        due_day = self.calendar.local_date(due - timedelta(seconds=1))
        grace = self.norms.escalation_grace.working_days
        return self.calendar.end_of_day(self.calendar.add_working_days(due_day, grace))

    def _follow_up(self, case: "DeadlineInputs", entered: datetime) -> Deadline:
        months = self.norms.follow_up_months
        start = case.scaled_down_at or entered
        if case.follow_ups_done < len(months):
            day = add_months(self.calendar.local_date(start), months[case.follow_ups_done])
            while not self.calendar.is_working_day(day):  # a check-in falls on a working day
                day += timedelta(days=1)
            morning = datetime.combine(day, time(8), tzinfo=self.calendar.tz)
            return Deadline("follow_up", self.calendar.end_of_day(day), morning)
        last = case.last_activity_at or start
        days = self.norms.close_after_last_follow_up.working_days
        return self._at("close_after_follow_ups", self.calendar.working_days_after(last, days))

    @staticmethod
    def _at(kind: str, due: datetime) -> Deadline:
        return Deadline(kind, due, due)


class DeadlineInputs(Protocol):
    """What the policy reads of a case (the Case aggregate has all of these)."""

    state: State
    risk_level: RiskLevel | None
    received_at: datetime
    state_entered_at: datetime | None
    last_activity_at: datetime | None
    needs_plan: bool
    scaled_down_at: datetime | None
    follow_ups_done: int

    @property
    def is_acute(self) -> bool:
        """Assessed as acute, or not yet assessed and suggested acute at intake."""
