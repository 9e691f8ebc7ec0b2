"""The lifecycle of a case as data: its states, its triggers and the table of allowed moves."""

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    RECEIVED = "received"
    RISK_ASSESSED = "risk_assessed"
    ADVISED = "advised"
    IN_CASE_DIRECTION = "in_case_direction"
    SCALED_DOWN_LOCALLY = "scaled_down_locally"
    CLOSED = "closed"


class Trigger(StrEnum):
    ASSESS_RISK = "assess_risk"
    ADVISE = "advise"
    START_CASE_DIRECTION = "start_case_direction"
    SCALE_DOWN = "scale_down"
    ESCALATE = "escalate"
    CLOSE = "close"
    REOPEN = "reopen"
    REASSESS_RISK = "reassess_risk"


class RiskLevel(StrEnum):
    LOW = "low"
    ELEVATED = "elevated"
    HIGH = "high"
    ACUTE = "acute"

    @property
    def rank(self) -> int:
        return list(RiskLevel).index(self)


HIGH_RISK = frozenset({RiskLevel.HIGH, RiskLevel.ACUTE})


@dataclass(frozen=True)
class Move:
    """One allowed move; `guard` names a condition in `states.guards`, or None."""

    trigger: Trigger
    source: State
    dest: State
    guard: str | None = None


_OPEN = [s for s in State if s is not State.CLOSED]
_ASSESSED = [s for s in _OPEN if s is not State.RECEIVED]

MOVES: tuple[Move, ...] = (
    Move(Trigger.ASSESS_RISK, State.RECEIVED, State.RISK_ASSESSED),
    Move(Trigger.ADVISE, State.RISK_ASSESSED, State.ADVISED),
    Move(Trigger.START_CASE_DIRECTION, State.ADVISED, State.IN_CASE_DIRECTION),
    # High or acute risk may skip the advice step and go straight into case direction.
    Move(
        Trigger.START_CASE_DIRECTION,
        State.RISK_ASSESSED,
        State.IN_CASE_DIRECTION,
        guard="is_high_risk",
    ),
    Move(Trigger.SCALE_DOWN, State.IN_CASE_DIRECTION, State.SCALED_DOWN_LOCALLY),
    Move(Trigger.ESCALATE, State.SCALED_DOWN_LOCALLY, State.IN_CASE_DIRECTION),
    *(Move(Trigger.CLOSE, source, State.CLOSED) for source in _OPEN),
    Move(Trigger.REOPEN, State.CLOSED, State.IN_CASE_DIRECTION),
    # A new assessment on new signals, in any state after the first one: the case stays where
    # it is (a move to the same state, which does not restart the state's clock).
    *(Move(Trigger.REASSESS_RISK, state, state) for state in _ASSESSED),
)
