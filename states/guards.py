"""Guards: named conditions on the machine's subject, each with the sentence shown when it fails."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from states.lifecycle import HIGH_RISK, RiskLevel


class Subject(Protocol):
    """What the machine drives: a state and the facts guards look at."""

    @property
    def state(self) -> str: ...

    @property
    def risk_level(self) -> RiskLevel | None: ...


@dataclass(frozen=True)
class Guard:
    name: str
    check: Callable[[Subject], bool]
    requirement: str


def _is_high_risk(subject: Subject) -> bool:
    return subject.risk_level in HIGH_RISK


GUARDS: dict[str, Guard] = {
    "is_high_risk": Guard(
        "is_high_risk",
        _is_high_risk,
        "skipping advice needs a risk level of high or acute",
    ),
}
