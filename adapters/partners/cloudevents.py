"""The CloudEvents 1.0 envelope partners publish in, and the three content modes of its HTTP
binding: structured (`application/cloudevents+json`: the whole event is the body), binary (the
attributes in `ce-` headers, the data as the body, `Content-Type` its `datacontenttype`) and
batch (`application/cloudevents-batch+json`: a JSON array of structured events). The data is
JSON in every mode: `datacontenttype` is `application/json` or a `+json` type, in UTF-8."""

import json
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Literal
from urllib.parse import unquote

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from adapters.media_types import JSON, is_json, media_type
from workflow.errors import InvalidInput
from workflow.moments import Moment

# Stable namespace for idempotency keys: uuid5(namespace, source + id) names one partner event.
NAMESPACE = uuid.UUID("6f1d4a0e-9a43-4f57-9a43-6d656c64706e")

REPORT = "nl.meldpunt.report"
SIGNAL = "nl.meldpunt.signal"
SHELTER_PLACEMENT = "nl.meldpunt.shelter_placement"
CARE_REGISTRATION = "nl.meldpunt.care_registration"
FOLLOWUP_RESULT = "nl.meldpunt.followup_result"

STRUCTURED = "application/cloudevents+json"
BATCH = "application/cloudevents-batch+json"
CONTEXT = "partner event"


class CloudEvent(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)  # extension attributes are allowed

    specversion: Literal["1.0"]
    id: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1, max_length=500)
    type: str = Field(min_length=1, max_length=200)
    time: Moment | None = None
    subject: str | None = None
    datacontenttype: str = Field(default=JSON, max_length=200)
    data: dict[str, Any]

    @field_validator("datacontenttype")
    @classmethod
    def _json_data(cls, value: str) -> str:
        if not is_json(value):
            raise ValueError("must be application/json (or a +json type) in UTF-8")
        return value

    @property
    def key(self) -> str:
        """The same (source, id) is the same event, however often it arrives."""
        return str(uuid.uuid5(NAMESPACE, f"{self.source}\n{self.id}"))


def parse(body: bytes | str) -> CloudEvent:
    """One event in structured mode (a line of `partner ingest`, a message from RabbitMQ)."""
    return _event(_json(body), "")


def from_http(headers: Mapping[str, str], body: bytes) -> list[CloudEvent | InvalidInput]:
    """The events of one HTTP request, in whichever content mode it was sent (`headers` with
    lower-case names), each an event or why it is not one: the events of a batch are taken
    or refused one by one. A body that is no batch at all raises InvalidInput. A JSON body of
    type application/json without `ce-` headers is a structured event too, as partners sent
    it before the binding's other modes were taken."""
    kind, _ = media_type(headers.get("content-type", ""))
    if kind == BATCH:
        events = _json(body)
        if not isinstance(events, list):
            raise InvalidInput([("(body)", "a batch must be a JSON array of events")], CONTEXT)
        return [_or_why(_event, event, "") for event in events]
    if kind == STRUCTURED or not any(name.startswith("ce-") for name in headers):
        return [_or_why(parse, body)]
    return [_or_why(_binary, headers, body)]


def _or_why(read: Callable[..., CloudEvent], *given: Any) -> CloudEvent | InvalidInput:
    try:
        return read(*given)
    except InvalidInput as error:
        return error


def _binary(headers: Mapping[str, str], body: bytes) -> CloudEvent:
    # Header values are percent-encoded (the binding, 3.1.3.2); the data is the body.
    attributes: dict[str, Any] = {
        name.removeprefix("ce-"): unquote(value)
        for name, value in headers.items()
        if name.startswith("ce-")
    }
    attributes["datacontenttype"] = headers.get("content-type", JSON)
    attributes["data"] = _json(body)
    return _event(attributes, "")


def _json(body: bytes | str) -> Any:
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InvalidInput([("(body)", f"not JSON: {error}")], CONTEXT) from None
    except RecursionError:  # arrays or objects nested thousands deep: no event is like that
        raise InvalidInput([("(body)", "not JSON: nested too deeply")], CONTEXT) from None


def _event(raw: Any, under: str) -> CloudEvent:
    if not isinstance(raw, dict):
        raise InvalidInput([(under or "(body)", "a CloudEvent must be a JSON object")], CONTEXT)
    try:
        return CloudEvent.model_validate(raw)
    except ValidationError as error:
        raise InvalidInput.from_validation(error, CONTEXT, under) from None
