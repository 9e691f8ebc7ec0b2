"""The part of a case's life between moves: activities, follow-up check-ins, and the alerts the
scheduler raises when a deadline passes."""

from datetime import datetime
from typing import Any

from states import State, TriggerRefused
from workflow import events as ev
from workflow.activity_data import ActivityData, ActivityKind, FollowUpData
from workflow.alerts import TEAM_LEAD_ALERTED, Alerts
from workflow.errors import InvalidInput
from workflow.history import SCHEDULER, CaseRecord, HistoryEntry, validated


class CaseTimeline(CaseRecord):
    """Mixed into Case; the attributes are the Case's own fields."""

    case_director: str | None
    last_activity_at: datetime | None
    needs_plan: bool
    follow_ups_done: int
    alerts: Alerts

    def record_activity(
        self, data: Any, actor: str, at: datetime, correlation_id: str | None = None
    ) -> HistoryEntry:
        """A contact, meeting, plan of approach or feedback: it resets the inactivity clock."""
        if self.state is State.CLOSED:
            raise TriggerRefused(
                self.state,
                "record_activity",
                self.allowed_triggers(),
                "a closed case takes no activities; reopen it first",
            )
        activity = validated(ActivityData, data, "activity")
        self.last_activity_at = at
        if activity.kind is ActivityKind.PLAN_OF_APPROACH:
            self.needs_plan = False
        if activity.kind is ActivityKind.REPORTER_FEEDBACK:
            self.alerts.feedback_given(at)
        event = ev.ActivityRecorded(**self._base(actor, at, correlation_id), kind=activity.kind)
        return self.record(
            "record_activity", activity.model_dump(mode="json"), actor, at, event, correlation_id
        )

    def record_follow_up(
        self, data: Any, actor: str, at: datetime, correlation_id: str | None = None
    ) -> HistoryEntry:
        """A check-in with the local team after scaling down."""
        if self.state is not State.SCALED_DOWN_LOCALLY:
            raise TriggerRefused(
                self.state,
                "record_follow_up",
                self.allowed_triggers(),
                "follow-ups belong to a case scaled down locally",
            )
        follow_up = validated(FollowUpData, data, "follow-up")
        self.follow_ups_done += 1
        self.last_activity_at = at
        event = ev.FollowUpRecorded(
            **self._base(actor, at, correlation_id),
            seq=self.follow_ups_done,
            outcome=follow_up.outcome,
        )
        data_out = {"seq": self.follow_ups_done, **follow_up.model_dump(mode="json")}
        return self.record("record_follow_up", data_out, actor, at, event, correlation_id)

    def flag_overdue(self, grace_end: datetime, at: datetime) -> ev.Event:
        """Say once that the deadline passed, then once more to the team lead after the grace."""
        due, kind = self.alerts.deadline_at, self.alerts.deadline_kind or ""
        assert due is not None, "flag_overdue needs a deadline"
        stage = self.alerts.advance(grace_end)
        base = self._base(SCHEDULER, at, None)
        event: ev.Event
        if stage == TEAM_LEAD_ALERTED:
            event = ev.StalledCaseEscalated(**base, deadline_kind=kind, due=due)
        elif kind == "follow_up":
            event = ev.FollowUpDue(
                **base, seq=self.follow_ups_done + 1, due=due, case_director=self.case_director
            )
        else:
            event = ev.CaseStalled(
                **base, deadline_kind=kind, due=due, case_director=self.case_director
            )
        data = {"deadline_kind": kind, "due": due.isoformat(), "stage": stage}
        self.record(type(event).__name__, data, SCHEDULER, at, event)
        return event

    def flag_feedback_overdue(self, at: datetime) -> ev.Event:
        due = self.alerts.feedback_due_at
        assert due is not None, "flag_feedback_overdue needs a feedback deadline"
        self.alerts.feedback_alerted()
        event = ev.ReporterFeedbackDue(
            **self._base(SCHEDULER, at, None), due=due, case_director=self.case_director
        )
        self.record("ReporterFeedbackDue", {"due": due.isoformat()}, SCHEDULER, at, event)
        return event

    def record_partner_signal(
        self, partner: str, data: dict[str, Any], at: datetime, correlation_id: str | None = None
    ) -> None:
        """A partner saw signals about this person; any state, a closed case included (the
        re-victimisation watch). It is information, not the case director's activity, so the
        inactivity clock does not move."""
        actor = f"partner:{partner}"
        event = ev.PartnerSignalRecorded(
            **self._base(actor, at, correlation_id), partner=partner, state=self.state
        )
        self.record("partner_signal", data, actor, at, event, correlation_id)

    def assign_director(
        self,
        case_director: str,
        reason: str | None,
        actor: str,
        at: datetime,
        correlation_id: str | None = None,
    ) -> None:
        """Hand the case to another case director: who to whom, and why, on the timeline."""
        if self.state is State.CLOSED:
            raise TriggerRefused(
                self.state, "assign", self.allowed_triggers(), "a closed case has no director"
            )
        previous = self.case_director
        if previous == case_director:
            raise InvalidInput(
                [("case_director", f"'{previous}' is the case director already")], "assignment"
            )
        self.case_director = case_director
        event = ev.CaseReassigned(
            **self._base(actor, at, correlation_id),
            case_director=case_director,
            previous_case_director=previous,
        )
        data: dict[str, Any] = {"case_director": case_director, "previous": previous}
        if reason:
            data["reason"] = reason
        self.record("assign", data, actor, at, event, correlation_id)
