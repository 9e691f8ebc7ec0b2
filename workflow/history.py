"""A case's timeline: one entry per accepted move, activity or flag, numbered without gaps."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from states import State
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
