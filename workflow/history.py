"""A case's timeline: one entry per accepted move, activity or flag, numbered without gaps."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from states import State, Trigger, allowed_triggers
from workflow import events as ev
from workflow.errors import InvalidInput

REGISTER = "register"
SCHEDULER = "scheduler"
SYSTEM = "system"

_M = TypeVar("_M", bound=BaseModel)


def validated(model: type[_M], data: Any, what: str) -> _M:
    """Validate `data` as `model`; every problem is listed with its field."""
    if not isinstance(data, dict):
        raise InvalidInput([("data", "must be a JSON object")], what)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput.from_validation(error, what) from None


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


class CaseRecord:
    """What every part of the Case aggregate shares: who it is, where it stands, and how it
    records a change. The attributes are the Case dataclass's fields."""

    id: str
    state: State
    version: int
    new_history: list[HistoryEntry]
    events: list[ev.Event]

    def record(
        self,
        what: str,
        data: dict[str, Any],
        actor: str,
        at: datetime,
        event: ev.Event | None = None,
        correlation_id: str | None = None,
    ) -> HistoryEntry:
        """Add a timeline entry that is not a move (activity, flag): same state, new version."""
        self.version += 1
        entry = HistoryEntry(
            self.version, what, self.state, self.state, actor, at, data, correlation_id
        )
        self.new_history.append(entry)
        if event is not None:
            self.events.append(event)
        return entry

    def allowed_triggers(self) -> list[Trigger]:
        return allowed_triggers(self.state)

    def _base(self, actor: str, at: datetime, correlation_id: str | None) -> dict[str, Any]:
        """The fields every event of this case carries."""
        return {
            "case_id": self.id,
            "occurred_at": at,
            "actor": actor,
            "correlation_id": correlation_id,
        }
