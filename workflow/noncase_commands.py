"""Commands of the non-case work: record an advice question, turn one into a report, record a
prevention activity (planned or held) and mark a planned one held. Each carries what was handed
in; its handler checks it against the reference data and the clock (handlers/noncase.py)."""

from typing import Annotated, Any

from pydantic import StringConstraints

from workflow.commands import Command
from workflow.report import ReportForm

RecordId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9a-f-]{36}$")]


class RecordAdviceQuestion(Command):
    advice: Any


class TurnAdviceIntoReport(Command):
    """Register `report` as the report the advice question `advice_id` led to: one transaction
    registers the case and links both ways."""

    advice_id: RecordId
    report: ReportForm


class RecordPreventionActivity(Command):
    activity: Any


class MarkActivityHeld(Command):
    activity_id: RecordId
    held: Any
