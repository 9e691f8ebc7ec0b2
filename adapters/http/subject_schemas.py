"""Bodies of the data subject's rights in the API (adapters/http/routes_subject_rights.py)."""

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Why = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=10, max_length=2000),
    Field(description="why: 10 to 2000 characters, kept encrypted in the case's history"),
]
Version = Annotated[int, Field(ge=1, le=2_147_483_647)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonIn(_Body):
    """The person, named in exactly one way: a BSN, a name with a date of birth, or a case."""

    bsn: Annotated[str, StringConstraints(max_length=20)] | None = None
    name: Annotated[str, StringConstraints(max_length=200)] | None = None
    date_of_birth: date | None = None
    case_id: UUID | None = None


class SubjectReportOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    person: dict[str, Any] = Field(description="how the request named the person")
    cases: list[dict[str, Any]] = Field(description="each case about the person, as its file")
    disclosures: list[dict[str, Any]] = Field(
        description="what was disclosed to which partner, on which legal basis, and when"
    )
    accesses: list[dict[str, Any]] = Field(
        description="who read or changed the person's cases (the access log)"
    )


class CorrectionIn(_Body):
    field: Annotated[str, StringConstraints(max_length=60)] = Field(
        description="the report field, a dotted path: subject.name, reporter.phone, ..."
    )
    value: Any = Field(description="the right value; null clears an optional field")
    reason: Why
    expected_version: Version | None = None


class RestrictionIn(_Body):
    reason: Why
    expected_version: Version | None = None
