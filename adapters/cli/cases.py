"""`meldpunt report ...` and `meldpunt case ...`: register reports, change cases, read them.

Each command acts as a named user (adapters/cli/asking.py) and passes the same gate as the HTTP
API: what it reads or changes is in the access log."""

import json
import sys
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from adapters.cli import asking
from adapters.cli.asking import ActorOption, BreakGlassOption, OnBehalfOption, PurposeOption
from adapters.cli.case_output import show_detail, show_file
from adapters.cli.errors import ExitCode, fail, reported
from adapters.cli.output import emit
from adapters.cli.paging import LimitOption, OffsetOption, say_more
from adapters.db.case_file import PARTS
from adapters.db.case_queries import CaseFilter
from adapters.gate import Gate
from states import State
from workflow.access import Action
from workflow.activity_data import ActivityData, FollowUpData
from workflow.commands import (
    AssignCase,
    Command,
    ConfirmAssessment,
    DecideDuplicate,
    FireTrigger,
    RecordActivity,
    RecordFollowUp,
    RegisterReport,
)
from workflow.errors import InvalidInput, reason, validated
from workflow.transition_data import transition_data

report_app = typer.Typer(help="Register reports (meldingen).", no_args_is_help=True)
case_app = typer.Typer(help="Change and read cases.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
ExpectedVersion = Annotated[
    int | None, typer.Option("--expected-version", help="Refuse if the case moved on.")
]
DETAIL_FIELDS = ("state", "risk", "director", "deadline", "history", "links")


def _read_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        why = reason(
            "cli.not_json",
            "not valid JSON: {error} at line {line}, column {column}",
            error=error.msg,
            line=error.lineno,
            column=error.colno,
        )
        raise InvalidInput([(what, why)]) from None


def _emit_ref(ref: Any, as_json: bool) -> None:
    shown = {"case_id": ref.case_id, "state": ref.state.value, "version": ref.version}
    if ref.awaiting_confirmation:  # a lowered assessment: not in effect until a lead confirms
        shown["awaiting_confirmation"] = True
    emit(shown, as_json)


def _change(gate: Gate, action: Action, case_id: str, command: Command, as_json: bool) -> None:
    _emit_ref(gate.change_case(action, case_id, command), as_json)


@report_app.command("register")
def register(
    file: Annotated[str, typer.Option("--file", "-f", help="The report as JSON; - for stdin.")],
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Register a report; prints the new case id and state."""
    with reported(as_json):
        if file == "-":
            text = sys.stdin.read()
        else:
            path = Path(file)
            if not path.is_file():
                fail("cli.no_such_file", ExitCode.BAD_INPUT, path=file)
            text = path.read_text(encoding="utf-8")
        gate = asking.gate(actor)
        gate.allow(Action.REGISTER_REPORT, "report")
        form = _read_json(text, "--file")  # the register handler checks it (workflow/intake.py)
        command = RegisterReport(actor=gate.principal.name, report=form)
        _emit_ref(
            gate.handle(command, Action.REGISTER_REPORT, "report", fields=("report",)), as_json
        )


@case_app.command("fire")
def fire(
    case_id: Annotated[str, typer.Argument(help="The case to advance.")],
    trigger: Annotated[str, typer.Argument(help="assess_risk, advise, start_case_direction, ...")],
    data: Annotated[str, typer.Option("--data", "-d", help="The trigger's data as JSON.")] = "{}",
    actor: ActorOption = None,
    expected_version: ExpectedVersion = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Fire a trigger on a case; a refused trigger changes nothing and says what is allowed."""
    with reported(as_json):
        payload = transition_data(trigger, _read_json(data, "--data"))
        gate = asking.gate(actor, break_glass=break_glass)
        name = gate.principal.name
        command = FireTrigger(
            actor=name, case_id=case_id, data=payload, expected_version=expected_version
        )
        _change(gate, Action.FIRE_TRIGGER, case_id, command, as_json)


@case_app.command("activity")
def activity(
    case_id: str,
    kind: Annotated[
        str,
        typer.Option(
            help="contact, meeting, plan_of_approach, reporter_feedback, partner_update or note."
        ),
    ],
    summary: Annotated[str, typer.Option(help="What happened.")],
    actor: ActorOption = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Record an activity on a case; it resets the case's inactivity deadline."""
    with reported(as_json):
        recorded = validated(ActivityData, {"kind": kind, "summary": summary}, "activity")
        gate = asking.gate(actor, break_glass=break_glass)
        name = gate.principal.name
        command = RecordActivity(actor=name, case_id=case_id, activity=recorded)
        _change(gate, Action.RECORD_ACTIVITY, case_id, command, as_json)


@case_app.command("followup")
def followup(
    case_id: str,
    outcome: Annotated[str, typer.Option(help="fine, new_signals or no_contact.")],
    notes: Annotated[str | None, typer.Option(help="What the local team said.")] = None,
    actor: ActorOption = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a follow-up check-in with the local team on a scaled-down case."""
    with reported(as_json):
        data: dict[str, Any] = {"outcome": outcome}
        if notes is not None:
            data["notes"] = notes
        follow_up = validated(FollowUpData, data, "follow-up")
        gate = asking.gate(actor, break_glass=break_glass)
        name = gate.principal.name
        command = RecordFollowUp(actor=name, case_id=case_id, follow_up=follow_up)
        _change(gate, Action.RECORD_FOLLOW_UP, case_id, command, as_json)


@case_app.command("assign")
def assign(
    case_id: str,
    case_director: Annotated[str, typer.Argument(help="The user who directs the case from now.")],
    reason: Annotated[str, typer.Option(help="Why the case changes hands.")] = "",
    actor: ActorOption = None,
    expected_version: ExpectedVersion = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Hand the case to another case director; both are told, and the history says who, why."""
    with reported(as_json):
        gate = asking.gate(actor, break_glass=break_glass)
        name = gate.principal.name
        command = AssignCase(
            actor=name,
            case_id=case_id,
            case_director=case_director,
            reason=reason,
            expected_version=expected_version,
        )
        _change(gate, Action.ASSIGN_CASE, case_id, command, as_json)


@case_app.command("confirm-assessment")
def confirm_assessment(
    case_id: str,
    confirm: Annotated[
        bool, typer.Option("--confirm/--reject", help="Let it take effect, or not.")
    ] = True,
    reason: Annotated[str, typer.Option(help="Why (required in practice when rejecting).")] = "",
    actor: ActorOption = None,
    expected_version: ExpectedVersion = None,
    as_json: JsonFlag = False,
) -> None:
    """Team lead: confirm or reject an assessment below a high or acute suggestion (four eyes:
    not your own)."""
    with reported(as_json):
        gate = asking.gate(actor)
        command = ConfirmAssessment(
            actor=gate.principal.name,
            case_id=case_id,
            confirm=confirm,
            reason=reason,
            expected_version=expected_version,
        )
        _change(gate, Action.CONFIRM_ASSESSMENT, case_id, command, as_json)


@case_app.command("link")
def link(
    case_id: str,
    other_case_id: Annotated[str, typer.Argument(help="A case proposed as possible duplicate.")],
    confirm: Annotated[
        bool, typer.Option("--confirm/--reject", help="Same person, or not.")
    ] = True,
    actor: ActorOption = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Confirm or reject a possible duplicate (same birth date, similar name)."""
    with reported(as_json):
        gate = asking.gate(actor, break_glass=break_glass)
        name = gate.principal.name
        command = DecideDuplicate(
            actor=name, case_id=case_id, other_case_id=other_case_id, confirm=confirm
        )
        _change(gate, Action.FIRE_TRIGGER, case_id, command, as_json)


@case_app.command("show")
def show(
    case_id: str,
    actor: ActorOption = None,
    purpose: PurposeOption = None,
    on_behalf_of: OnBehalfOption = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """A case: state, version, deadline, allowed triggers and the history (no report)."""
    with reported(as_json):
        gate = asking.gate(actor, purpose, on_behalf_of, break_glass)
        read = partial(gate.app.queries.detail, case_id)
        detail = gate.read_case(Action.READ_CASE, case_id, DETAIL_FIELDS, read)
        if as_json:
            emit(detail, True)
        else:
            show_detail(detail)


@case_app.command("file")
def case_file(
    case_id: str,
    actor: ActorOption = None,
    purpose: PurposeOption = None,
    on_behalf_of: OnBehalfOption = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The case file: the report with the person and the reporter's contact details, the risk
    assessment, the plan, activities, follow-ups, consents, disclosures, related cases and the
    timeline. Each read is in the access log."""
    with reported(as_json):
        gate = asking.gate(actor, purpose, on_behalf_of, break_glass)
        read = partial(gate.app.files.read, case_id)
        found = gate.read_case(Action.READ_CASE, case_id, PARTS, read)
        if as_json:
            emit(found, True)
        else:
            show_file(found)


@case_app.command("list")
def list_cases(
    state: Annotated[State | None, typer.Option(help="Only cases in this state.")] = None,
    case_director: Annotated[str | None, typer.Option(help="Only this director's cases.")] = None,
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
    actor: ActorOption = None,
    purpose: PurposeOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The cases you may see (yours, your team's; the region for a team lead), oldest first."""
    with reported(as_json):
        gate = asking.gate(actor, purpose)
        where = CaseFilter(state=state.value if state else None, case_director=case_director)
        rows, total = gate.list_cases(where, limit, offset)
        columns = [
            "case_id",
            "state",
            "version",
            "risk_level",
            "case_director",
            "municipality",
            "received_at",
        ]
        emit(rows, as_json, columns, "cases")
        say_more(len(rows), offset, total)
