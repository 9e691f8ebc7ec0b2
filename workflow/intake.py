"""The one way a report becomes a domain value. The register handler calls it for every entry
point (CLI, API, partners), since it needs what the handler is given: the reference data and the
clock. One pass gives every problem at once, each with its field: the JSON form's (pydantic's,
collected), the dates', the contact details' and the reference data's, each checked wherever
its field is well-formed enough."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from workflow import contact
from workflow import intake_messages as say
from workflow.errors import InvalidInput
from workflow.reference import ReferenceData
from workflow.report import Report
from workflow.report_dates import date_of_birth_problem, received_at_problem
from workflow.report_parts import ReportParts

Problem = tuple[str, str]
Place = tuple[str, str]  # an object of the report and one of its fields


def checked_report(form: Any, reference: ReferenceData, now: datetime) -> Report:
    """The report `form` describes, its municipality by the canonical name and its contact
    details in their normal form; or InvalidInput with every problem (nothing is registered)."""
    if not isinstance(form, dict):
        raise InvalidInput([("(body)", say.NOT_AN_OBJECT)], "report")
    parts = ReportParts.of(form)
    normal: dict[Place, str] = {}
    problems = _date_problems(parts, now)
    contacts: list[tuple[Place, str | None, Callable[[str], str]]] = [
        (("reporter", "phone"), parts.phone, contact.phone_number),
        (("reporter", "email"), parts.email, contact.email_address),
    ]
    for place, text, normal_form in contacts:
        if text is not None:
            try:
                normal[place] = normal_form(text)
            except ValueError as error:  # its reason: a Reason, which keeps its key
                said = error.args[0] if error.args else str(error)
                problems.append((".".join(place), said if isinstance(said, str) else str(error)))
    if parts.municipality is not None:
        if problem := reference.municipality_problem(parts.municipality, parts.outside_twente):
            problems.append(("subject.municipality", problem))
        elif not parts.outside_twente and (known := reference.municipality(parts.municipality)):
            normal["subject", "municipality"] = known.name
    problems += reference.signal_problems(parts.signals)
    try:
        report = Report.model_validate(_with(form, normal))
    except ValidationError as error:
        schema = InvalidInput.from_validation(error).problems
        raise InvalidInput(schema + problems, "report") from None
    if problems:
        raise InvalidInput(problems, "report")
    return report


def _date_problems(parts: ReportParts, now: datetime) -> list[Problem]:
    problems: list[Problem] = []
    received = parts.received_at
    if received is not None and (problem := received_at_problem(received, now)):
        problems.append(("received_at", problem))
        received = None  # a birth date is not compared with a wrong one
    born = parts.date_of_birth
    if born is not None and (problem := date_of_birth_problem(born, received)):
        problems.append(("subject.date_of_birth", problem))
    return problems


def _with(form: dict[str, Any], normal: dict[Place, str]) -> dict[str, Any]:
    """`form` with the normal forms in place (only parts that are objects have any)."""
    changed = dict(form)
    for (part, field), value in normal.items():
        changed[part] = {**changed[part], field: value}
    return changed
