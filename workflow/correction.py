"""Correction of a report field (AVG art. 16): the new value takes the old one's place in the
report, and the case's timeline keeps who, when, why and the old value (encrypted, as all of
the history is). Only the fields below are corrected this way; the new report passes the same
intake check as a report being registered (workflow/intake.py), so a bad value changes nothing
and names its field."""

import json
from datetime import datetime
from enum import Enum
from typing import Any

from workflow.case import Case
from workflow.errors import InvalidInput
from workflow.errors import reason as say
from workflow.report import Report
from workflow.subjects import SubjectIdentity

CORRECT_REPORT = "correct_report"


class Kind(Enum):
    TEXT = "text"  # given as typed; empty clears it
    JSON = "json"  # a number, a yes or no, a list or a map: given as JSON on the command line


CORRECTABLE: dict[str, Kind] = {
    "subject.name": Kind.TEXT,
    "subject.date_of_birth": Kind.TEXT,
    "subject.age_estimate": Kind.JSON,
    "subject.sex": Kind.TEXT,
    "subject.municipality": Kind.TEXT,
    "subject.outside_twente": Kind.JSON,
    "subject.country_of_origin": Kind.TEXT,
    "subject.bsn": Kind.TEXT,
    "subject.other_identifiers": Kind.JSON,
    "reporter.kind": Kind.TEXT,
    "reporter.organisation": Kind.TEXT,
    "reporter.name": Kind.TEXT,
    "reporter.phone": Kind.TEXT,
    "reporter.email": Kind.TEXT,
    "exploitation_forms": Kind.JSON,
    "description": Kind.TEXT,
}


def check_field(field: str) -> str:
    if field not in CORRECTABLE:
        why = say(
            "correction.unknown_field",
            "not a report field that can be corrected; one of: {fields}",
            fields=", ".join(CORRECTABLE),
        )
        raise InvalidInput([("field", why)], "correction")
    return field


def typed_value(field: str, text: str) -> Any:
    """The value as typed on a command line: text as it is (empty clears it), JSON parsed."""
    if CORRECTABLE[check_field(field)] is Kind.TEXT:
        return text if text.strip() else None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        why = say("correction.not_json", "give this field as JSON (a number, true, a list ...)")
        raise InvalidInput([("value", why)], "correction") from None


def value_at(report: Report, field: str) -> Any:
    found: Any = report.model_dump(mode="json")
    for part in field.split("."):
        found = found.get(part)
    return found


def corrected_form(report: Report, field: str, value: Any) -> dict[str, Any]:
    """The report's JSON form with `field` set to `value`, for the intake check."""
    form = report.model_dump(mode="json")
    *parents, last = check_field(field).split(".")
    place = form
    for part in parents:
        place = place[part]
    if value is None:
        place.pop(last, None)
    else:
        place[last] = value
    return form


def correct_report(
    case: Case,
    before: Report,
    after: Report,
    field: str,
    why: str,
    identity: SubjectIdentity,
    actor: str,
    at: datetime,
    correlation_id: str | None = None,
) -> None:
    """Record the correction on the case: what the person is recognised by, their municipality
    and age follow the corrected report."""
    old, new = value_at(before, field), value_at(after, field)
    if old == new:
        same = say("correction.unchanged", "this is the value the report has already")
        raise InvalidInput([("value", same)], "correction")
    case.municipality = after.subject.municipality
    case.age_at_report = after.age_at_report()
    case.identity = identity
    data = {"field": field, "old": old, "new": new, "reason": why}
    case.record(CORRECT_REPORT, data, actor, at, correlation_id=correlation_id)
