"""Commands of the non-case work: record an advice question, turn one into a report, record a
prevention activity (planned or held) and mark a planned one held. Each carries what was handed
in; its handler checks it against the reference data and the clock (handlers/noncase.py)."""

from typing import Annotated, Any

from pydantic import StringConstraints

from workflow.commands import Command
from workflow.plain_text import PRINTABLE
from workflow.report import ReportForm

# Any plain id: one that names no record is the handler's to refuse (and the gate's to log).
RecordId = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=PRINTABLE)
]


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
