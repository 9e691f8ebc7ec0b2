"""The next deadline of a case in each state, from the default time norms."""

from datetime import UTC, datetime

from config.reference import load_time_norms
from states import RiskLevel
from tests.conftest import REPORT
from workflow.activity_data import ActivityData, FollowUpData
from workflow.calendar import WorkingDayCalendar
from workflow.case import Case
from workflow.deadlines import DeadlinePolicy
from workflow.report import Report
from workflow.transition_data import transition_data

policy = DeadlinePolicy(load_time_norms(), WorkingDayCalendar())
MON = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # Monday 2 November 2026, 10:00 in Enschede


def end_of(day: int, month: int = 11, year: int = 2026) -> datetime:
    """The end of a local day in winter time (UTC+1): 23:00 UTC."""
    return datetime(year, month, day, 23, 0, tzinfo=UTC)


def new_case(received: datetime = MON) -> Case:
    report = Report.parse({**REPORT, "received_at": received.isoformat()})
    return Case.register(report, "intake", received)


def fire(case: Case, trigger: str, data: dict[str, object], at: datetime) -> None:
    case.fire(transition_data(trigger, data), "anna", at)


ASSESS = {"level": "high", "indicators": ["runs_away"], "rationale": "r"}
DIRECT = {"case_director": "anna", "plan": "p"}


def test_a_new_report_is_due_for_assessment_in_five_working_days() -> None:
    deadline = policy.next_deadline(new_case())
    assert deadline is not None
    assert (deadline.kind, deadline.due) == ("assessment", end_of(9))


def test_acute_risk_at_intake_is_due_the_same_day() -> None:
    case = new_case()
    case.risk_level = RiskLevel.ACUTE
    deadline = policy.next_deadline(case)
    assert deadline is not None and deadline.due == end_of(2)


def test_reporter_feedback_is_due_in_ten_working_days() -> None:
    assert policy.feedback_due(MON) == end_of(16)


def test_after_assessment_the_next_step_is_due_in_five_working_days() -> None:
    case = new_case()
    fire(case, "assess_risk", ASSESS, datetime(2026, 11, 4, 12, tzinfo=UTC))
    deadline = policy.next_deadline(case)
    assert deadline is not None and (deadline.kind, deadline.due) == ("next_step", end_of(11))


def test_in_case_direction_the_clock_is_the_last_activity() -> None:
    case = new_case()
    fire(case, "assess_risk", ASSESS, MON)
    fire(case, "start_case_direction", DIRECT, MON)
    first = policy.next_deadline(case)
    assert first is not None and (first.kind, first.due) == ("activity", end_of(30))
    case.record_activity(
        ActivityData(kind="contact", summary="spoke"), "anna", datetime(2026, 11, 16, 9, tzinfo=UTC)
    )
    later = policy.next_deadline(case)
    assert later is not None and later.due == end_of(14, 12)


def test_escalation_asks_for_a_new_plan_of_approach_in_ten_working_days() -> None:
    case = new_case()
    fire(case, "assess_risk", ASSESS, MON)
    fire(case, "start_case_direction", DIRECT, MON)
    fire(case, "scale_down", {"local_team": "Wijkteam", "handover": "h"}, MON)
    fire(case, "escalate", {"reason": "new signals"}, MON)
    deadline = policy.next_deadline(case)
    assert deadline is not None
    assert (deadline.kind, deadline.due) == ("plan_of_approach", end_of(16))
    case.record_activity(ActivityData(kind="plan_of_approach", summary="new plan"), "anna", MON)
    after_plan = policy.next_deadline(case)
    assert after_plan is not None and after_plan.kind == "activity"


def test_follow_ups_fall_due_after_one_three_and_six_months_then_closing() -> None:
    case = new_case()
    fire(case, "assess_risk", ASSESS, MON)
    fire(case, "start_case_direction", DIRECT, MON)
    fire(case, "scale_down", {"local_team": "Wijkteam", "handover": "h"}, MON)
    dues = []
    for _ in range(3):
        deadline = policy.next_deadline(case)
        assert deadline is not None and deadline.kind == "follow_up"
        dues.append(deadline.alert_at.date().isoformat())  # 08:00 local on the check-in day
        case.record_follow_up(FollowUpData(outcome="fine"), "anna", deadline.due)
    # 2 May 2027 is a Sunday: that check-in moves to Monday 3 May.
    assert dues == ["2026-12-02", "2027-02-02", "2027-05-03"]
    last = policy.next_deadline(case)
    assert last is not None and last.kind == "close_after_follow_ups"


def test_a_closed_case_has_no_deadline() -> None:
    case = new_case()
    fire(case, "close", {"result": "no_exploitation_found", "reason": "r"}, MON)
    assert policy.next_deadline(case) is None


def test_the_grace_for_the_team_lead_counts_working_days_after_the_due_day() -> None:
    # Due at the end of Friday 6 November: two working days later is the end of Tuesday 10.
    assert policy.grace_end(end_of(6)) == end_of(10)
