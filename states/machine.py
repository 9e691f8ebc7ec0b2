"""One shared `transitions` machine for every case.

Cases are not added to the machine: asking it calls the event on a short-lived position, the
static-machine pattern from the pytransitions FAQ. A machine per case costs about 0.2 ms to
build and a long-lived machine holding every model leaks.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from transitions import EventData, Machine, MachineError

from states.guards import GUARDS, Position
from states.lifecycle import MOVES, RiskLevel, State, Trigger


class TriggerRefused(Exception):
    """A trigger that is not allowed from the current state, or whose guard failed."""

    def __init__(
        self,
        state: State,
        trigger: str,
        allowed: list[Trigger],
        missing: str = "",
        missing_key: str = "",
    ) -> None:
        self.state = state
        self.trigger = trigger
        self.allowed = allowed
        self.missing = missing
        # Which words say `missing` in a person's language (config/texts): a guard's key.
        self.missing_key = missing_key
        allowed_text = ", ".join(allowed) if allowed else "none"
        reason = f": {missing}" if missing else ""
        super().__init__(
            f"trigger '{trigger}' is not allowed from state '{state}'{reason}; "
            f"allowed from '{state}': {allowed_text}"
        )


def _condition(name: str) -> Any:
    guard = GUARDS[name]

    def check(event: EventData) -> bool:
        return guard.check(cast(Position, event.model))  # always a _Position

    check.__name__ = name
    return check


_MACHINE = Machine(
    model=None,
    states=[s.value for s in State],
    transitions=[
        {
            "trigger": m.trigger.value,
            "source": m.source.value,
            "dest": m.dest.value,
            "conditions": [_condition(m.guard)] if m.guard else [],
        }
        for m in MOVES
    ],
    initial=None,
    auto_transitions=False,
    send_event=True,
)


@dataclass
class _Position:
    state: str
    risk_level: RiskLevel | None


def allowed_triggers(state: State) -> list[Trigger]:
    """Triggers defined from `state`, in the order of the lifecycle table (guards not applied)."""
    return list(_allowed(state))


@cache
def _allowed(state: State) -> tuple[Trigger, ...]:
    # The machine never changes after import: ask it once per state, not on every fire.
    names = set(_MACHINE.get_triggers(state.value))
    return tuple(t for t in Trigger if t.value in names)


def next_state(position: Position, trigger: str) -> State:
    """The state `trigger` leads to from `position`, or TriggerRefused saying why not.

    Nothing is changed: the caller applies the result.
    """
    state = State(position.state)
    allowed = allowed_triggers(state)
    if trigger not in _MACHINE.events:
        raise TriggerRefused(state, trigger, allowed, "no such trigger", "trigger.unknown")
    facts = _Position(state.value, position.risk_level)
    try:
        moved = _MACHINE.events[trigger].trigger(facts)
    except MachineError:
        raise TriggerRefused(state, trigger, allowed) from None
    if not moved:
        failed = [
            GUARDS[m.guard].requirement
            for m in MOVES
            if m.trigger == trigger and m.source == state and m.guard
        ]
        keys = [
            f"guard.{m.guard}"
            for m in MOVES
            if m.trigger == trigger and m.source == state and m.guard
        ]
        raise TriggerRefused(state, trigger, allowed, "; ".join(failed), keys[0] if keys else "")
    return State(facts.state)
