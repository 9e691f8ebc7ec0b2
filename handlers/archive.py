"""The archive terms follow the case's state: closing sets them from the retention rules,
reopening clears them (docs/retention.md)."""

from datetime import datetime

from states import State
from workflow.calendar import AMSTERDAM
from workflow.case import Case
from workflow.retention import RetentionRules, terms_at_closing
from workflow.unit_of_work import UnitOfWork


def settle_archive(uow: UnitOfWork, case: Case, rules: RetentionRules, now: datetime) -> None:
    if case.state is not State.CLOSED:
        case.archive = None
        return
    if case.archive is not None:
        return
    born = uow.cases.report(case.id).subject.date_of_birth
    closed_on = now.astimezone(AMSTERDAM).date()
    case.archive = terms_at_closing(rules, case.closing_result, case.risk_level, closed_on, born)
