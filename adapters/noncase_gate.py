"""The non-case work through the gate, the same for the CLI and the API: the role may do it, the
command goes through the bus (its commit writes the access-log row), and every read is logged
with the ids of the records it showed (`fields` holds `id:<record id>`: these records are about
no case)."""

from typing import Any

from adapters.db.noncase_queries import NonCaseQueries, activity_shown, advice_shown
from adapters.gate import Gate
from workflow.access import Action
from workflow.errors import InvalidInput
from workflow.noncase_checks import municipality_problem
from workflow.noncase_commands import (
    MarkActivityHeld,
    RecordAdviceQuestion,
    RecordPreventionActivity,
    TurnAdviceIntoReport,
)
from workflow.noncase_store import ADVICE_QUESTION, PREVENTION_ACTIVITY
from workflow.prevention import Status

RECORD, READ = Action.RECORD_NONCASE_WORK, Action.READ_NONCASE_WORK
Page = tuple[list[dict[str, Any]], int]


class NoSuchRecord(Exception):
    """No advice question or prevention activity by that id (404, exit code 5)."""

    def __init__(self, resource: str, record_id: str) -> None:
        self.resource, self.record_id = resource, record_id
        super().__init__(f"there is no {resource.replace('_', ' ')} '{record_id}'")


def _queries(gate: Gate) -> NonCaseQueries:
    return NonCaseQueries(gate.app.engine, gate.app.cipher)


def _municipality(gate: Gate, name: str | None, field: str) -> str | None:
    """The canonical name of the municipality a filter names, any spelling; None for none."""
    if name is None or not name.strip():
        return None
    reference = gate.app.reference
    if why := municipality_problem(name, reference):
        raise InvalidInput([(field, why)])
    found = reference.municipality(name)
    return found.name if found else None


def record_advice(gate: Gate, form: Any) -> dict[str, Any]:
    gate.allow(RECORD, ADVICE_QUESTION)
    command = RecordAdviceQuestion(actor=gate.principal.name, advice=form)
    return advice_shown(gate.handle(command, RECORD, ADVICE_QUESTION, fields=("advice",)))


def advice_to_report(gate: Gate, advice_id: str, report: Any) -> dict[str, Any]:
    """Register the report an advice question led to, linked both ways; it takes both the
    right to record advice questions and the right to register reports."""
    gate.allow(RECORD, ADVICE_QUESTION)
    gate.allow(Action.REGISTER_REPORT, "report")
    command = TurnAdviceIntoReport(actor=gate.principal.name, advice_id=advice_id, report=report)
    ref = gate.handle(command, Action.REGISTER_REPORT, "report", fields=("report",))
    return {
        "advice_id": advice_id,
        "case_id": ref.case_id,
        "state": ref.state.value,
        "version": ref.version,
    }


def _listed(gate: Gate, resource: str, rows: list[dict[str, Any]], key: str) -> None:
    # One row per record shown; an empty list is logged too.
    ids: list[tuple[str, ...]] = [(f"id:{row[key]}",) for row in rows] or [()]
    gate.record(*[gate.entry("list", resource, "ok", fields=shown) for shown in ids])


def _shown(gate: Gate, resource: str, record_id: str, found: dict[str, Any] | None) -> Any:
    outcome = "ok" if found is not None else "not_found"
    gate.record(gate.entry("read", resource, outcome, fields=(f"id:{record_id}",)))
    if found is None:
        raise NoSuchRecord(resource, record_id)
    return found


def list_advice(
    gate: Gate, municipality: str | None, case_id: str | None, limit: int, offset: int
) -> Page:
    gate.allow(READ, ADVICE_QUESTION)
    where = _municipality(gate, municipality, "municipality")
    rows, total = _queries(gate).advice_page(where, case_id, limit, offset)
    _listed(gate, ADVICE_QUESTION, rows, "advice_id")
    return rows, total


def show_advice(gate: Gate, advice_id: str) -> dict[str, Any]:
    gate.allow(READ, ADVICE_QUESTION)
    found = _queries(gate).advice(advice_id)
    shown: dict[str, Any] = _shown(gate, ADVICE_QUESTION, advice_id, found)
    return shown


def record_activity(gate: Gate, form: Any) -> dict[str, Any]:
    gate.allow(RECORD, PREVENTION_ACTIVITY)
    command = RecordPreventionActivity(actor=gate.principal.name, activity=form)
    return activity_shown(gate.handle(command, RECORD, PREVENTION_ACTIVITY))


def mark_held(gate: Gate, activity_id: str, held: Any) -> dict[str, Any]:
    gate.allow(RECORD, PREVENTION_ACTIVITY)
    command = MarkActivityHeld(actor=gate.principal.name, activity_id=activity_id, held=held)
    return activity_shown(gate.handle(command, RECORD, PREVENTION_ACTIVITY))


def list_activities(
    gate: Gate, municipality: str | None, status: Status | None, limit: int, offset: int
) -> Page:
    gate.allow(READ, PREVENTION_ACTIVITY)
    where = _municipality(gate, municipality, "municipality")
    chosen = status.value if status else None
    rows, total = _queries(gate).activity_page(where, chosen, limit, offset)
    _listed(gate, PREVENTION_ACTIVITY, rows, "activity_id")
    return rows, total


def show_activity(gate: Gate, activity_id: str) -> dict[str, Any]:
    gate.allow(READ, PREVENTION_ACTIVITY)
    found = _queries(gate).activity(activity_id)
    shown: dict[str, Any] = _shown(gate, PREVENTION_ACTIVITY, activity_id, found)
    return shown
