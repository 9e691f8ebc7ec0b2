"""Commands: what someone asks the service to do, imperative. Validated before any handler runs."""

from typing import Annotated, Any
from uuid import uuid4

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from workflow.report import Report

Actor = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


def new_correlation_id() -> str:
    return uuid4().hex


class Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: Actor
    correlation_id: str = Field(default_factory=new_correlation_id)


class RegisterReport(Command):
    report: Report


class FireTrigger(Command):
    """Advance a case: `trigger` with its `data`; `expected_version` guards against lost updates."""

    case_id: str
    trigger: str
    data: dict[str, Any] = Field(default_factory=dict)
    expected_version: int | None = None
