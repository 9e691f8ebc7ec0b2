"""The data subject's rights at the gate, for every entry point (CLI, HTTP API): the access
report (AVG art. 15), the correction of a report field (art. 16), restricting a case and lifting
it (art. 18). The rights work is region-wide, restricted cases included, for whoever may do it
(workflow/access.py): no scope and no glass to break; every read and every change, refused or
not, is in the access log."""

from typing import Any

from adapters.bootstrap import subject_secret
from adapters.db.case_file import PARTS
from adapters.db.subject_report import SubjectReports
from adapters.gate import Gate, outcome_of, verb
from workflow.access import Action
from workflow.errors import CaseNotFound
from workflow.person import PersonNamed
from workflow.rights_commands import CorrectReport, LiftRestriction, RestrictCase
from workflow.subjects import SubjectKeys

REPORT = "subject_report"


def reports_of(gate: Gate) -> SubjectReports:
    app = gate.app
    return SubjectReports(app.engine, app.files, SubjectKeys(subject_secret(app.settings)))


def subject_report(gate: Gate, person: PersonNamed) -> dict[str, Any]:
    """Everything held about the person, for an answer to their request; one access-log row
    per case it shows (one without a case when none is found), after the read."""
    action = Action.SUBJECT_ACCESS_REPORT
    gate.allow(action, REPORT)
    reports = reports_of(gate)
    try:
        identity = reports.identity(person)
        case_ids = reports.case_ids(person, identity)
        found = reports.report(case_ids, identity)
    except Exception as error:
        gate.record(gate.entry(verb(action), REPORT, outcome_of(error), person.case_id))
        raise
    shown: list[str | None] = [*case_ids] or [None]  # a search that found no one is logged too
    gate.record(*[gate.entry(verb(action), REPORT, "ok", cid, PARTS) for cid in shown])
    return {"person": _said(person), **found}


def _said(person: PersonNamed) -> dict[str, Any]:
    """How the request named the person (it is their own data, in the answer to them)."""
    named = {
        "bsn": person.bsn,
        "name": person.name,
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "case_id": person.case_id,
    }
    return {k: v for k, v in named.items() if v is not None}


def open_for_rights(gate: Gate, action: Action, case_id: str) -> None:
    """The rights work may reach every case of the region; a case that is not there is said
    (and logged) as not found."""
    gate.allow(action, "case", case_id)
    try:
        gate.app.queries.standing(case_id)
    except CaseNotFound:
        gate.record(gate.entry(verb(action), "case", "not_found", case_id=case_id))
        raise


def correct(gate: Gate, command: CorrectReport) -> Any:
    open_for_rights(gate, Action.CORRECT_REPORT, command.case_id)
    fields = (f"report.{command.field}",)
    return gate.handle(command, Action.CORRECT_REPORT, "report", command.case_id, fields)


def restrict(gate: Gate, command: RestrictCase | LiftRestriction) -> Any:
    open_for_rights(gate, Action.RESTRICT_CASE, command.case_id)
    what = "restriction" if isinstance(command, RestrictCase) else "lift_restriction"
    return gate.handle(command, Action.RESTRICT_CASE, "case", command.case_id, (what,))
