"""Property test: random trigger sequences with random, sometimes invalid, data on one Case.

Whatever is fired, the case stays in one of the six states, its history counts exactly the
accepted moves, its version equals the history length, and a refused trigger changes nothing.
"""

from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from states import State, Trigger, TriggerRefused, allowed_triggers
from tests.conftest import REPORT
from tests.unit.fakes import snapshot
from workflow.case import Case
from workflow.errors import InvalidInput
from workflow.report import Report
from workflow.transition_data import AdvisedParty, ClosingResult, transition_data

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
REPORT_MODEL = Report.parse(REPORT)

text = st.from_regex(r"[a-z]{1,6}( [a-z]{1,6})?", fullmatch=True)
code = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)

VALID_DATA: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "assess_risk": st.fixed_dictionaries(
        {
            "level": st.sampled_from(["low", "elevated", "high", "acute"]),
            "indicators": st.lists(code, max_size=3),
            "rationale": text,
        }
    ),
    "advise": st.fixed_dictionaries(
        {"advice": text, "advised_party": st.sampled_from([p.value for p in AdvisedParty])}
    ),
    "start_case_direction": st.fixed_dictionaries({"case_director": text, "plan": text}),
    "scale_down": st.fixed_dictionaries({"local_team": text, "handover": text}),
    "escalate": st.fixed_dictionaries({"reason": text}),
    "close": st.fixed_dictionaries(
        {"result": st.sampled_from([r.value for r in ClosingResult]), "reason": text}
    ),
    "reopen": st.fixed_dictionaries({"reason": text}),
}

garbage = st.one_of(
    st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2)
)


@st.composite
def spoiled(draw: st.DrawFn, trigger: str) -> Any:
    """Data for `trigger` that is wrong in one way: a field missing, extra, of the wrong kind."""
    data = dict(draw(VALID_DATA[trigger]))
    how = draw(st.sampled_from(["drop", "extra", "retype", "not_an_object"]))
    if how == "not_an_object":
        return draw(garbage)
    if how == "extra":
        data[draw(st.sampled_from(["colour", "note", "level2"]))] = draw(garbage)
        return data
    field = draw(st.sampled_from(sorted(data)))
    if how == "drop":
        del data[field]
    else:
        data[field] = draw(st.one_of(st.integers(), st.just(""), st.just("not-a-choice")))
    return data


def step(state: State) -> st.SearchStrategy[str]:
    """Mostly a trigger allowed from `state` (so runs go deep), sometimes any, or an unknown one."""
    allowed = [t.value for t in allowed_triggers(state)]
    return st.one_of(
        st.sampled_from(allowed),
        st.sampled_from(allowed),
        st.sampled_from([t.value for t in Trigger]),
        st.just("approve"),
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_trigger_sequences_keep_the_case_consistent(data: st.DataObject) -> None:
    case = Case.register(REPORT_MODEL, "intake", AT)
    accepted = 0
    for _ in range(data.draw(st.integers(min_value=0, max_value=30), label="steps")):
        trigger = data.draw(step(case.state), label="trigger")
        if trigger not in VALID_DATA:
            payload = data.draw(st.dictionaries(st.text(max_size=3), garbage, max_size=2))
        elif data.draw(st.booleans(), label="valid data"):
            payload = data.draw(VALID_DATA[trigger], label="data")
        else:
            payload = data.draw(spoiled(trigger), label="spoiled data")
        before = snapshot(case)
        try:
            case.fire(transition_data(trigger, payload), "anna", AT)
        except (TriggerRefused, InvalidInput):
            assert snapshot(case) == before, f"refused {trigger} {payload!r} changed the case"
        else:
            accepted += 1
            assert case.new_history[-1].trigger == trigger
            # One event per accepted change, and one more for each acute assessment.
            acute = sum(
                1
                for h in case.new_history
                if h.trigger == "assess_risk" and h.data["level"] == "acute"
            )
            assert len(case.events) == len(case.new_history) + acute
        event(f"visited {case.state}")
        assert case.state in set(State)
        assert len(case.new_history) == 1 + accepted
        assert case.version == len(case.new_history)
        assert [h.seq for h in case.new_history] == list(range(1, case.version + 1))
