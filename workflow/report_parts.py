"""The parts of a report's JSON form that the intake rules read, each typed by the type of its
field in Report, or None where it is missing or not well-formed (the schema names that problem).
Read apart from the whole, so that one wrong field does not hide what is wrong with the others.
Nothing passes on a part alone: the whole is validated as a Report after the rules."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import AwareDatetime, TypeAdapter, ValidationError

from workflow.report import Short, SignalCode

T = TypeVar("T")

RECEIVED_AT = TypeAdapter(AwareDatetime)
DATE = TypeAdapter(date)
TEXT = TypeAdapter(Short)
FLAG = TypeAdapter(bool)
SIGNAL = TypeAdapter(SignalCode)


def _typed(adapter: TypeAdapter[T], value: Any) -> T | None:
    if value is None:
        return None
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class ReportParts:
    received_at: datetime | None
    date_of_birth: date | None
    municipality: str | None
    outside_twente: bool | None
    signals: dict[int, str]  # by their place in the list, the well-formed ones
    phone: str | None
    email: str | None

    @classmethod
    def of(cls, form: dict[str, Any]) -> "ReportParts":
        reporter, subject = _object(form.get("reporter")), _object(form.get("subject"))
        signals = form.get("signals")
        codes = (
            {i: _typed(SIGNAL, s) for i, s in enumerate(signals)}
            if isinstance(signals, list)
            else {}
        )
        return cls(
            received_at=_typed(RECEIVED_AT, form.get("received_at")),
            date_of_birth=_typed(DATE, subject.get("date_of_birth")),
            municipality=_typed(TEXT, subject.get("municipality")),
            outside_twente=_typed(FLAG, subject.get("outside_twente", False)),
            signals={i: code for i, code in codes.items() if code is not None},
            phone=_typed(TEXT, reporter.get("phone")),
            email=_typed(TEXT, reporter.get("email")),
        )
