"""Restriction of processing (AVG art. 18): a restricted case is read only by the team lead (and
by whoever does the rights work, for that work); for everyone else it is not there, in lists
too (workflow/access.py). Restricting and lifting are entries on the case's timeline: who, when
and why, the reason kept encrypted with the rest of the history."""

from datetime import datetime

from workflow.case import Case
from workflow.errors import InvalidInput
from workflow.errors import reason as say

RESTRICT = "restrict"
LIFT_RESTRICTION = "lift_restriction"


def restrict(
    case: Case, why: str, actor: str, at: datetime, correlation_id: str | None = None
) -> None:
    if case.restricted:
        already = say("restriction.already", "the case is restricted already")
        raise InvalidInput([("case_id", already)], "restriction")
    case.restricted = True
    case.record(RESTRICT, {"reason": why}, actor, at, correlation_id=correlation_id)


def lift_restriction(
    case: Case, why: str, actor: str, at: datetime, correlation_id: str | None = None
) -> None:
    if not case.restricted:
        not_restricted = say("restriction.not_restricted", "the case is not restricted")
        raise InvalidInput([("case_id", not_restricted)], "restriction")
    case.restricted = False
    case.record(LIFT_RESTRICTION, {"reason": why}, actor, at, correlation_id=correlation_id)
