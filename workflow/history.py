"""A case's timeline: one entry per accepted move, activity or flag, numbered without gaps."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from states import State

# Actors that are not people: the intake itself, the scheduler, the service's own reactions.
REGISTER = "register"
SCHEDULER = "scheduler"
SYSTEM = "system"


@dataclass(frozen=True)
class HistoryEntry:
    """One accepted change: who, when, from, to, which trigger, with what data. `seq` is gapless."""

    seq: int
    trigger: str
    from_state: State | None
    to_state: State
    actor: str
    occurred_at: datetime
    data: dict[str, Any]
    correlation_id: str | None = None
