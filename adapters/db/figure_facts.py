"""The plain, non-identifying facts figures count (docs/figures.md), written in the same
transaction as the case they describe: a new report's sex, kind of reporter and forms of
exploitation, and each history entry that reaches a moment a time norm measures."""

from collections.abc import Iterable
from typing import Any

from states import Trigger
from workflow.activity_data import ActivityKind
from workflow.history import HistoryEntry
from workflow.report import Report

ASSESSED, FEEDBACK, PLAN = "assessed", "reporter_feedback", "plan_of_approach"
MILESTONES = (ASSESSED, FEEDBACK, PLAN)


def fact_row(case_id: str, report: Report) -> dict[str, Any]:
    kind = report.reporter.kind.value
    return {"case_id": case_id, "sex": report.subject.sex.value, "reporter_kind": kind}


def form_rows(case_id: str, report: Report) -> list[dict[str, Any]]:
    forms = sorted({form.value for form in report.exploitation_forms})
    return [{"case_id": case_id, "form": form} for form in forms]


def milestone(entry: HistoryEntry) -> str | None:
    """The moment `entry` reaches, if any: an assessment, feedback to the reporter (advice to
    the reporter counts), a plan of approach (the start of case direction comes with one)."""
    data = entry.data
    if entry.trigger == Trigger.ASSESS_RISK.value:
        return ASSESSED
    if entry.trigger == Trigger.START_CASE_DIRECTION.value:
        return PLAN
    if entry.trigger == Trigger.ADVISE.value and data.get("advised_party") == "reporter":
        return FEEDBACK
    if entry.trigger == "record_activity":
        kinds = {
            ActivityKind.REPORTER_FEEDBACK.value: FEEDBACK,
            ActivityKind.PLAN_OF_APPROACH.value: PLAN,
        }
        return kinds.get(str(data.get("kind")))
    return None


def milestone_rows(case_id: str, entries: Iterable[HistoryEntry]) -> list[dict[str, Any]]:
    return [
        {"case_id": case_id, "seq": e.seq, "kind": kind, "at": e.occurred_at}
        for e in entries
        if (kind := milestone(e)) is not None
    ]
