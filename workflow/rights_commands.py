"""Commands of the data subject's rights (AVG art. 16 and 18): correct a report field, restrict
a case, lift a restriction. Each is a recorded change of the case, with the reason."""

from typing import Annotated, Any

from pydantic import StringConstraints

from workflow.commands import Command

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=2000)]


class CorrectReport(Command):
    """Put `value` in the report's `field` (workflow/correction.py names the fields); None
    clears an optional one."""

    case_id: str
    field: str
    value: Any = None
    reason: Reason
    expected_version: int | None = None


class RestrictCase(Command):
    case_id: str
    reason: Reason
    expected_version: int | None = None


class LiftRestriction(Command):
    case_id: str
    reason: Reason
    expected_version: int | None = None
