"""The Case aggregate: registering, firing, its history and events, and refusal changing nothing."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from states import RiskLevel, State, TriggerRefused
from tests.conftest import REPORT
from tests.unit.fakes import snapshot
from workflow import events as ev
from workflow.case import REGISTER, Case
from workflow.errors import InvalidInput
from workflow.report import Report
from workflow.transition_data import transition_data

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

ASSESS_HIGH = {"level": "high", "indicators": ["runs_away"], "rationale": "runs away weekly"}
ADVISE = {"advice": "talk to the school", "advised_party": "professional"}
START = {"case_director": "anna", "plan": "plan van aanpak"}
SCALE_DOWN = {"local_team": "Wijkteam Enschede-Zuid", "handover": "warm handover"}
ESCALATE = {"reason": "contact with the boyfriend again"}
CLOSE = {"result": "handed_over_locally", "reason": "follow-ups fine"}
REOPEN = {"reason": "new signals"}

WHOLE_LIFE: list[tuple[str, dict[str, Any], type[ev.Event], State]] = [
    ("assess_risk", ASSESS_HIGH, ev.RiskAssessed, State.RISK_ASSESSED),
    ("advise", ADVISE, ev.CaseAdvised, State.ADVISED),
    ("start_case_direction", START, ev.CaseDirectionStarted, State.IN_CASE_DIRECTION),
    ("scale_down", SCALE_DOWN, ev.CaseScaledDown, State.SCALED_DOWN_LOCALLY),
    ("escalate", ESCALATE, ev.CaseEscalated, State.IN_CASE_DIRECTION),
    ("close", CLOSE, ev.CaseClosed, State.CLOSED),
    ("reopen", REOPEN, ev.CaseReopened, State.IN_CASE_DIRECTION),
]


def registered() -> Case:
    return Case.register(Report.parse(REPORT), "intake", AT, "corr-1")


def test_register_opens_a_received_case_with_one_history_entry_and_one_event() -> None:
    case = registered()
    assert (case.state, case.version) == (State.RECEIVED, 1)
    assert case.municipality == "Enschede"
    assert case.received_at == datetime(2026, 11, 2, 9, 15, tzinfo=UTC)
    [entry] = case.new_history
    assert (entry.seq, entry.trigger, entry.from_state, entry.to_state) == (
        1,
        REGISTER,
        None,
        State.RECEIVED,
    )
    assert (entry.actor, entry.occurred_at, entry.correlation_id) == ("intake", AT, "corr-1")
    [event] = case.events
    assert isinstance(event, ev.ReportReceived)
    assert (event.case_id, event.channel, event.actor) == (case.id, "phone", "intake")


def test_register_gives_every_case_its_own_id() -> None:
    assert registered().id != registered().id


def test_a_whole_life_keeps_history_gapless_and_records_one_event_per_move() -> None:
    case = registered()
    for n, (trigger, data, event_type, state) in enumerate(WHOLE_LIFE, start=2):
        at = AT + timedelta(hours=n)
        entry = case.fire(transition_data(trigger, data), "anna", at, f"corr-{n}")
        assert case.state is state
        assert case.version == n == entry.seq
        assert (entry.trigger, entry.to_state, entry.actor, entry.occurred_at) == (
            trigger,
            state,
            "anna",
            at,
        )
        assert isinstance(case.events[-1], event_type)
        assert case.events[-1].case_id == case.id
        assert case.events[-1].correlation_id == f"corr-{n}"
    assert [h.seq for h in case.new_history] == list(range(1, len(WHOLE_LIFE) + 2))
    assert [h.from_state for h in case.new_history[1:]] == [
        h.to_state for h in case.new_history[:-1]
    ]
    assert len(case.events) == len(case.new_history)


def test_history_keeps_the_validated_data() -> None:
    case = registered()
    entry = case.fire(
        transition_data("assess_risk", {**ASSESS_HIGH, "rationale": "  padded  "}), "anna", AT
    )
    assert entry.data == {
        "level": "high",
        "indicators": ["runs_away"],
        "rationale": "padded",
        "dropped": {},
    }


def test_firing_sets_the_facts_later_moves_depend_on() -> None:
    case = registered()
    case.fire(transition_data("assess_risk", {**ASSESS_HIGH, "level": "acute"}), "anna", AT)
    assert case.risk_level is RiskLevel.ACUTE
    case.fire(transition_data("start_case_direction", START), "anna", AT)
    assert case.case_director == "anna"
    assert isinstance(case.events[-1], ev.CaseDirectionStarted)
    assert case.events[-1].from_state is State.RISK_ASSESSED
    case.fire(transition_data("close", {"result": "referred_to_police", "reason": "x"}), "anna", AT)
    assert case.closing_result == "referred_to_police"
    case.fire(transition_data("reopen", REOPEN), "anna", AT)
    assert case.closing_result is None
    assert isinstance(case.events[-1], ev.CaseReopened)
    assert case.events[-1].case_director == "anna"


@pytest.mark.parametrize(
    ("trigger", "data", "error"),
    [
        ("scale_down", SCALE_DOWN, TriggerRefused),  # not allowed from risk_assessed
        ("start_case_direction", START, TriggerRefused),  # guard: risk is only low
        ("reopen", REOPEN, TriggerRefused),
        ("approve", {}, InvalidInput),  # no such trigger
        ("advise", {}, InvalidInput),  # missing fields
        ("advise", {**ADVISE, "extra": 1}, InvalidInput),  # unknown field
        ("advise", ["not", "an", "object"], InvalidInput),
        ("close", {"result": "solved", "reason": "x"}, InvalidInput),  # not a closing result
    ],
)
def test_a_refused_trigger_or_bad_data_changes_nothing(
    trigger: str, data: Any, error: type[Exception]
) -> None:
    case = registered()
    case.fire(transition_data("assess_risk", {**ASSESS_HIGH, "level": "low"}), "anna", AT)
    before = snapshot(case)
    with pytest.raises(error):
        case.fire(transition_data(trigger, data), "anna", AT)
    assert snapshot(case) == before


def test_an_unknown_trigger_names_the_allowed_ones() -> None:
    case = registered()
    with pytest.raises(InvalidInput) as bad:
        case.fire(transition_data("approve", {}), "anna", AT)
    assert bad.value.problems[0][0] == "trigger"
    assert "unknown trigger 'approve'" in str(bad.value)
    assert "assess_risk" in str(bad.value) and "close" in str(bad.value)


def test_a_trigger_not_allowed_is_refused_and_changes_nothing() -> None:
    case = registered()
    before = snapshot(case)
    scale_down = {"local_team": "Wijkteam Enschede-Zuid", "handover": "warme overdracht"}
    with pytest.raises(TriggerRefused) as refused:
        case.fire(transition_data("scale_down", scale_down), "anna", AT)
    assert refused.value.state is State.RECEIVED
    assert case.allowed_triggers() == refused.value.allowed
    assert snapshot(case) == before
