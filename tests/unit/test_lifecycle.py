"""The lifecycle table: every allowed move, every refused one, and the high-risk guard."""

from dataclasses import dataclass

import pytest

from states import RiskLevel, State, Trigger, TriggerRefused, allowed_triggers, next_state

S, T = State, Trigger

# The table of issue 2, written out by hand so a change to the machine must change this too.
ALLOWED: dict[tuple[State, Trigger], State] = {
    (S.RECEIVED, T.ASSESS_RISK): S.RISK_ASSESSED,
    (S.RISK_ASSESSED, T.ADVISE): S.ADVISED,
    (S.ADVISED, T.START_CASE_DIRECTION): S.IN_CASE_DIRECTION,
    (S.RISK_ASSESSED, T.START_CASE_DIRECTION): S.IN_CASE_DIRECTION,  # guarded: high or acute
    (S.IN_CASE_DIRECTION, T.SCALE_DOWN): S.SCALED_DOWN_LOCALLY,
    (S.SCALED_DOWN_LOCALLY, T.ESCALATE): S.IN_CASE_DIRECTION,
    **{(s, T.CLOSE): S.CLOSED for s in State if s is not S.CLOSED},
    (S.CLOSED, T.REOPEN): S.IN_CASE_DIRECTION,
    # A reassessment keeps the case where it is, in every state after the first assessment.
    **{(s, T.REASSESS_RISK): s for s in State if s not in (S.RECEIVED, S.CLOSED)},
}
REFUSED = [(s, t) for s in State for t in Trigger if (s, t) not in ALLOWED]


@dataclass
class Subject:
    state: str
    risk_level: RiskLevel | None = RiskLevel.HIGH


@pytest.mark.parametrize(("state", "trigger"), list(ALLOWED), ids=str)
def test_every_allowed_move_leads_where_the_table_says(state: State, trigger: Trigger) -> None:
    subject = Subject(state.value)
    assert next_state(subject, trigger) is ALLOWED[(state, trigger)]
    assert subject.state == state.value, "next_state() computes the move; the caller applies it"


@pytest.mark.parametrize(("state", "trigger"), REFUSED, ids=str)
def test_every_other_move_is_refused_naming_the_state_and_the_allowed_triggers(
    state: State, trigger: Trigger
) -> None:
    with pytest.raises(TriggerRefused) as refused:
        next_state(Subject(state.value), trigger)
    allowed = [t for (s, t) in ALLOWED if s is state]
    assert refused.value.state is state
    assert sorted(refused.value.allowed) == sorted(allowed)
    message = str(refused.value)
    assert f"'{trigger}'" in message and f"state '{state}'" in message
    assert all(t.value in message for t in allowed)


@pytest.mark.parametrize("state", list(State), ids=str)
def test_allowed_triggers_lists_exactly_the_table(state: State) -> None:
    assert sorted(allowed_triggers(state)) == sorted(t for (s, t) in ALLOWED if s is state)


def test_an_unknown_trigger_is_refused_with_the_allowed_ones() -> None:
    with pytest.raises(TriggerRefused) as refused:
        next_state(Subject("received"), "approve")
    assert refused.value.missing == "no such trigger"
    assert "assess_risk" in str(refused.value)


@pytest.mark.parametrize("level", [RiskLevel.HIGH, RiskLevel.ACUTE])
def test_high_or_acute_risk_may_skip_the_advice(level: RiskLevel) -> None:
    assert (
        next_state(Subject("risk_assessed", level), T.START_CASE_DIRECTION) is S.IN_CASE_DIRECTION
    )


@pytest.mark.parametrize("level", [RiskLevel.LOW, RiskLevel.ELEVATED, None])
def test_lower_risk_cannot_skip_the_advice_and_the_error_says_why(
    level: RiskLevel | None,
) -> None:
    with pytest.raises(TriggerRefused) as refused:
        next_state(Subject("risk_assessed", level), T.START_CASE_DIRECTION)
    assert "high or acute" in refused.value.missing
    assert "high or acute" in str(refused.value)
    assert "state 'risk_assessed'" in str(refused.value)


@pytest.mark.parametrize("level", list(RiskLevel))
def test_after_advice_any_risk_level_may_start_case_direction(level: RiskLevel) -> None:
    assert next_state(Subject("advised", level), T.START_CASE_DIRECTION) is S.IN_CASE_DIRECTION


def test_there_are_six_states_and_eight_triggers() -> None:
    assert [s.value for s in State] == [
        "received",
        "risk_assessed",
        "advised",
        "in_case_direction",
        "scaled_down_locally",
        "closed",
    ]
    assert [t.value for t in Trigger] == [
        "assess_risk",
        "advise",
        "start_case_direction",
        "scale_down",
        "escalate",
        "close",
        "reopen",
        "reassess_risk",
    ]
