"""The CloudEvents 1.0 envelope (structured JSON mode) partners publish in."""

import json
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workflow.errors import InvalidInput
from workflow.moments import Moment

# Stable namespace for idempotency keys: uuid5(namespace, source + id) names one partner event.
NAMESPACE = uuid.UUID("6f1d4a0e-9a43-4f57-9a43-6d656c64706e")

REPORT = "nl.meldpunt.report"
SIGNAL = "nl.meldpunt.signal"
SHELTER_PLACEMENT = "nl.meldpunt.shelter_placement"
CARE_REGISTRATION = "nl.meldpunt.care_registration"
FOLLOWUP_RESULT = "nl.meldpunt.followup_result"


class CloudEvent(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)  # extension attributes are allowed

    specversion: Literal["1.0"]
    id: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1, max_length=500)
    type: str = Field(min_length=1, max_length=200)
    time: Moment | None = None
    subject: str | None = None
    datacontenttype: Literal["application/json"] = "application/json"
    data: dict[str, Any]

    @property
    def key(self) -> str:
        """The same (source, id) is the same event, however often it arrives."""
        return str(uuid.uuid5(NAMESPACE, f"{self.source}\n{self.id}"))


def parse(body: bytes | str) -> CloudEvent:
    try:
        raw = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InvalidInput([("(body)", f"not JSON: {error}")], "partner event") from None
    except RecursionError:  # arrays or objects nested thousands deep: no event is like that
        raise InvalidInput([("(body)", "not JSON: nested too deeply")], "partner event") from None
    if not isinstance(raw, dict):
        raise InvalidInput([("(body)", "a CloudEvent must be a JSON object")], "partner event")
    try:
        return CloudEvent.model_validate(raw)
    except ValidationError as error:
        raise InvalidInput.from_validation(error, "partner event") from None
