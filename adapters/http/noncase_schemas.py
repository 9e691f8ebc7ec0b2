"""Bodies of the non-case endpoints, so the OpenAPI document says what each one holds. What is
handed in is checked by the command's handler (every problem at once); its schema is the form's."""

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field

from adapters.http.schemas import Page
from workflow.advice import AdviceForm
from workflow.prevention import ActivityForm, HeldForm
from workflow.report import Report


def _as_given(value: Any) -> Any:
    return value


AdviceIn = Annotated[Any, BeforeValidator(_as_given, json_schema_input_type=AdviceForm)]
ActivityIn = Annotated[Any, BeforeValidator(_as_given, json_schema_input_type=ActivityForm)]
HeldIn = Annotated[Any, BeforeValidator(_as_given, json_schema_input_type=HeldForm)]
ReportIn = Annotated[Any, BeforeValidator(_as_given, json_schema_input_type=Report)]


class AdviceOut(BaseModel):
    advice_id: str
    asked_on: str
    channel: str
    organisation: str
    professional: str
    municipality: str
    topics: list[str]
    advice: str | None = Field(default=None, description="the advice given; not in a list")
    minutes: int
    led_to_report: bool
    case_id: str | None = Field(description="the case of the report it led to")
    recorded_by: str
    recorded_at: str


class AdviceReportOut(BaseModel):
    advice_id: str
    case_id: str
    state: str
    version: int


class ActivityOut(BaseModel):
    activity_id: str
    on: str
    municipality: str
    kind: str
    audience: str
    participants: int = Field(description="expected while planned, the real number once held")
    partners: list[str]
    hours: float
    status: str = Field(description="planned or held")
    recorded_by: str
    recorded_at: str
    held_by: str | None
    held_at: str | None


class AdvicePage(Page[AdviceOut]):
    pass


class ActivityPage(Page[ActivityOut]):
    pass
