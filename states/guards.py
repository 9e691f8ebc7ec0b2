"""Guards: named conditions on a case's position, each with the sentence shown when it fails."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from states.lifecycle import HIGH_RISK, RiskLevel


class Position(Protocol):
    """Where a case stands for the machine: its state and the facts guards look at."""

    @property
    def state(self) -> str: ...

    @property
    def risk_level(self) -> RiskLevel | None: ...


@dataclass(frozen=True)
class Guard:
    name: str
    check: Callable[[Position], bool]
    requirement: str


def _is_high_risk(position: Position) -> bool:
    return position.risk_level in HIGH_RISK


GUARDS: dict[str, Guard] = {
    "is_high_risk": Guard(
        "is_high_risk",
        _is_high_risk,
        "skipping advice needs a risk level of high or acute",
    ),
}
