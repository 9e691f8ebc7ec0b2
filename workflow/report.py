"""The report (melding) as it comes in: the public JSON form shared by CLI, API and partners.

Field names are part of the public contract: add fields freely, rename none.
"""

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic_core import PydanticCustomError
from stdnum.nl import bsn as stdnum_bsn

from workflow.errors import validated
from workflow.plain_text import PRINTABLE

Short = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=PRINTABLE)
]
SignalCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
# The risk instrument has a few dozen indicators: a longer list of signals is no list of them.
MAX_SIGNALS = 60


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    WEB_FORM = "web_form"
    IN_PERSON = "in_person"
    PARTNER = "partner"


class ReporterKind(StrEnum):
    PROFESSIONAL = "professional"
    PARENT_OR_RELATIVE = "parent_or_relative"
    CITIZEN = "citizen"
    SUBJECT = "subject"
    PARTNER_ORGANISATION = "partner_organisation"
    ANONYMOUS = "anonymous"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class ExploitationForm(StrEnum):
    SEXUAL = "sexual"
    LABOUR = "labour"
    CRIMINAL = "criminal"
    ORGAN_REMOVAL = "organ_removal"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reporter(_Strict):
    kind: ReporterKind
    organisation: Short | None = None
    name: Short | None = None
    phone: Short | None = None
    email: Short | None = None


def bsn_is_valid(bsn: str) -> bool:
    """Whether `bsn` is the 9 digits of a citizen service number that pass the 11-test."""
    # stdnum also takes 8 digits with the leading zero left off, and separators; the report's
    # contract (docs/risk.md) is 9 digits, so only its own compact form counts.
    return stdnum_bsn.is_valid(bsn) and stdnum_bsn.compact(bsn) == bsn


class Subject(_Strict):
    name: Short | None = None
    date_of_birth: date | None = None
    age_estimate: int | None = Field(default=None, ge=0, le=120)
    sex: Sex = Sex.UNKNOWN
    municipality: Short
    outside_twente: bool = False
    country_of_origin: Short | None = None
    bsn: str | None = None
    other_identifiers: dict[str, Short] = Field(default_factory=dict, max_length=20)

    @field_validator("bsn")
    @classmethod
    def _eleven_test(cls, value: str | None) -> str | None:
        if value is None:
            return None
        digits = value.replace(" ", "").replace(".", "")
        if not bsn_is_valid(digits):
            raise PydanticCustomError("bsn", "not a valid BSN: 9 digits that pass the 11-test")
        return digits


class Report(_Strict):
    received_at: AwareDatetime
    channel: Channel
    reporter: Reporter
    subject: Subject
    exploitation_forms: list[ExploitationForm] = Field(
        min_length=1, max_length=len(ExploitationForm)
    )
    signals: list[SignalCode] = Field(default_factory=list, max_length=MAX_SIGNALS)
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50_000)] = ""

    def age_at_report(self) -> int | None:
        """Age in whole years when the report came in, from the birth date or the estimate."""
        born = self.subject.date_of_birth
        if born is None:
            return self.subject.age_estimate
        day = self.received_at.date()
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @classmethod
    def parse(cls, data: Any) -> "Report":
        """The JSON form alone, every problem at once with its field: for reports that are not
        being registered (a stored one, a test's). Registering checks more: workflow/intake.py."""
        return validated(cls, data, "report", whole="(body)")


def _json_form(value: Any) -> Any:
    # A Report built in code is registered like any other: by its JSON form, checked again.
    return value.model_dump(mode="json") if isinstance(value, Report) else value


# A report as it is handed in, before the intake check (workflow/intake.py) makes it a Report;
# its JSON schema is the Report's, which is what the API documents for its body.
ReportForm = Annotated[Any, BeforeValidator(_json_form, json_schema_input_type=Report)]
