"""A case's deadline and the alerts it owes: the first to its case director when the deadline
passes, a second to the team lead after the grace, and nothing more until the deadline changes."""

from dataclasses import dataclass
from datetime import datetime

from workflow.deadlines import Deadline

NOT_ALERTED, DIRECTOR_ALERTED, TEAM_LEAD_ALERTED = 0, 1, 2


@dataclass
class Alerts:
    deadline_at: datetime | None = None
    deadline_kind: str | None = None
    stage: int = NOT_ALERTED
    next_alert_at: datetime | None = None
    feedback_due_at: datetime | None = None
    feedback_alert_at: datetime | None = None

    def reschedule(self, deadline: Deadline | None) -> None:
        """Set the next deadline; a changed deadline starts its alerts afresh."""
        if deadline is None:
            self.deadline_at = self.deadline_kind = self.next_alert_at = None
            self.stage = NOT_ALERTED
            return
        if (deadline.due, deadline.kind) == (self.deadline_at, self.deadline_kind):
            return
        self.deadline_at, self.deadline_kind = deadline.due, deadline.kind
        self.stage = NOT_ALERTED
        self.next_alert_at = deadline.alert_at

    def advance(self, grace_end: datetime) -> int:
        """Move to the next alert stage and return it; the caller says it to the right person."""
        if self.stage == NOT_ALERTED:
            self.stage = DIRECTOR_ALERTED
            self.next_alert_at = max(grace_end, self.deadline_at or grace_end)
        else:
            self.stage = TEAM_LEAD_ALERTED
            self.next_alert_at = None
        return self.stage

    def expect_feedback(self, due: datetime) -> None:
        self.feedback_due_at = self.feedback_alert_at = due

    def feedback_given(self, at: datetime) -> None:
        """The reporter heard back: nothing is due any more, and nothing looks overdue."""
        self.feedback_due_at = self.feedback_alert_at = None

    def feedback_alerted(self) -> None:
        self.feedback_alert_at = None
