"""What the non-case records (advice questions, prevention activities) check the same way: plain
free text that may span lines, the municipality of the region by any of its spellings, and a day
that has to have come already. Each problem is a `Reason` keyed for config/texts/*/noncase.json."""

import re
from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from workflow.errors import Reason, reason
from workflow.plain_text import FORBIDDEN, PRINTABLE
from workflow.reference import ReferenceData

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# PRINTABLE's class without tab, line feed and carriage return: a text of several lines.
_IN_LINES = "\x00-\x08\x0b\x0c\x0e-\x1f" + FORBIDDEN.removeprefix("\x00-\x1f")
_NOT_IN_LINES = re.compile(f"[{_IN_LINES}]")
EARLIEST = date(2000, 1, 1)


def _plain_lines(text: str) -> str:
    if _NOT_IN_LINES.search(text):
        # Keyed validation.plain_text, like every other text that is not plain.
        raise PydanticCustomError(
            "plain_text", "holds a control, invisible or bidirectional character"
        )
    return text


Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=PRINTABLE)
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
    AfterValidator(_plain_lines),
]


def today_in_region(now: datetime) -> date:
    return now.astimezone(AMSTERDAM).date()


def municipality_problem(name: str, reference: ReferenceData) -> Reason | None:
    if reference.municipality(name) is not None:
        return None
    names = reference.municipality_names()
    return reason(
        "noncase.unknown_municipality",
        "'{name}' is not one of the {count} municipalities of {region} ({names})",
        name=name,
        count=len(names),
        region=reference.region,
        names=", ".join(names),
    )


def canonical_municipality(name: str, reference: ReferenceData) -> str:
    """The canonical name of a municipality `municipality_problem` found no problem with."""
    known = reference.municipality(name)
    return known.name if known else name


def day_problem(day: date, now: datetime, future_allowed: bool = False) -> Reason | None:
    if day < EARLIEST:
        return reason("noncase.day_too_early", "lies before {day}", day=EARLIEST.isoformat())
    if not future_allowed and day > today_in_region(now):
        return reason("noncase.day_in_future", "lies in the future")
    return None
