"""The one way a report becomes a domain value. The register handler calls it for every entry
point (CLI, API, partners), since it needs what the handler is given: the reference data. One
pass gives every problem at once, each with its field: the JSON form's (pydantic's, collected),
the dates' and the reference data's, each checked wherever its field is well-formed enough."""

from typing import Any

from pydantic import ValidationError

from workflow import intake_messages as say
from workflow.errors import InvalidInput
from workflow.reference import ReferenceData
from workflow.report import Report
from workflow.report_parts import ReportParts

Problem = tuple[str, str]


def checked_report(form: Any, reference: ReferenceData) -> Report:
    """The report `form` describes, or InvalidInput with every problem (nothing is registered)."""
    if not isinstance(form, dict):
        raise InvalidInput([("(body)", say.NOT_AN_OBJECT)], "report")
    parts = ReportParts.of(form)
    problems = _date_problems(parts)
    name = parts.municipality
    if name is not None and (problem := reference.municipality_problem(name, parts.outside_twente)):
        problems.append(("subject.municipality", problem))
    problems += reference.signal_problems(parts.signals)
    try:
        report = Report.model_validate(form)
    except ValidationError as error:
        schema = InvalidInput.from_validation(error).problems
        raise InvalidInput(schema + problems, "report") from None
    if problems:
        raise InvalidInput(problems, "report")
    return report


def _date_problems(parts: ReportParts) -> list[Problem]:
    born, received = parts.date_of_birth, parts.received_at
    if born is not None and received is not None and born > received.date():
        return [("subject.date_of_birth", say.BORN_AFTER_REPORT)]
    return []
