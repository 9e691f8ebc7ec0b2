"""`meldpunt report ...` and `meldpunt case ...`: register reports, fire triggers, read cases."""

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from adapters.cli import context
from adapters.cli.errors import ExitCode, fail, reported
from adapters.cli.output import emit
from adapters.db.case_queries import CaseFilter
from config.labels import STATE_LABELS
from states import State
from workflow.access import Scope
from workflow.activity_data import ActivityData, FollowUpData
from workflow.commands import (
    DecideDuplicate,
    FireTrigger,
    RecordActivity,
    RecordFollowUp,
    RegisterReport,
)
from workflow.errors import InvalidInput, validated
from workflow.transition_data import transition_data

report_app = typer.Typer(help="Register reports (meldingen).", no_args_is_help=True)
case_app = typer.Typer(help="Advance and inspect cases.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
ActorOption = Annotated[
    str | None, typer.Option("--actor", help="Who does this (default: $MELDPUNT_ACTOR or $USER).")
]


def _read_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            [(what, f"not valid JSON: {error.msg} at line {error.lineno}")]
        ) from None


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
                fail(f"--file: no such file '{file}'", ExitCode.BAD_INPUT)
            text = path.read_text(encoding="utf-8")
        report = _read_json(text, "--file")
        command = RegisterReport(actor=actor or context.default_actor(), report=report)
        ref = context.app().bus.handle(command)
        emit({"case_id": ref.case_id, "state": ref.state.value, "version": ref.version}, as_json)


@case_app.command("fire")
def fire(
    case_id: Annotated[str, typer.Argument(help="The case to advance.")],
    trigger: Annotated[str, typer.Argument(help="assess_risk, advise, start_case_direction, ...")],
    data: Annotated[str, typer.Option("--data", "-d", help="The trigger's data as JSON.")] = "{}",
    actor: ActorOption = None,
    expected_version: Annotated[
        int | None, typer.Option("--expected-version", help="Refuse if the case moved on.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Fire a trigger on a case; a refused trigger changes nothing and says what is allowed."""
    with reported(as_json):
        command = FireTrigger(
            actor=actor or context.default_actor(),
            case_id=case_id,
            data=transition_data(trigger, _read_json(data, "--data")),
            expected_version=expected_version,
        )
        ref = context.app().bus.handle(command)
        emit({"case_id": ref.case_id, "state": ref.state.value, "version": ref.version}, as_json)


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
    as_json: JsonFlag = False,
) -> None:
    """Record an activity on a case; it resets the case's inactivity deadline."""
    with reported(as_json):
        command = RecordActivity(
            actor=actor or context.default_actor(),
            case_id=case_id,
            activity=validated(ActivityData, {"kind": kind, "summary": summary}, "activity"),
        )
        _emit_ref(context.app().bus.handle(command), as_json)


@case_app.command("followup")
def followup(
    case_id: str,
    outcome: Annotated[str, typer.Option(help="fine, new_signals or no_contact.")],
    notes: Annotated[str | None, typer.Option(help="What the local team said.")] = None,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a follow-up check-in with the local team on a scaled-down case."""
    with reported(as_json):
        data: dict[str, Any] = {"outcome": outcome}
        if notes is not None:
            data["notes"] = notes
        command = RecordFollowUp(
            actor=actor or context.default_actor(),
            case_id=case_id,
            follow_up=validated(FollowUpData, data, "follow-up"),
        )
        _emit_ref(context.app().bus.handle(command), as_json)


def _emit_ref(ref: Any, as_json: bool) -> None:
    emit({"case_id": ref.case_id, "state": ref.state.value, "version": ref.version}, as_json)


@case_app.command("link")
def link(
    case_id: str,
    other_case_id: Annotated[str, typer.Argument(help="A case proposed as possible duplicate.")],
    confirm: Annotated[
        bool, typer.Option("--confirm/--reject", help="Same person, or not.")
    ] = True,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Confirm or reject a possible duplicate (same birth date, similar name)."""
    with reported(as_json):
        command = DecideDuplicate(
            actor=actor or context.default_actor(),
            case_id=case_id,
            other_case_id=other_case_id,
            confirm=confirm,
        )
        _emit_ref(context.app().bus.handle(command), as_json)


@case_app.command("show")
def show(case_id: str, as_json: JsonFlag = False) -> None:
    """A case: state, version, allowed triggers and the full history."""
    with reported(as_json):
        detail = context.app().queries.detail(case_id)
        if as_json:
            emit(detail, True)
            return
        summary = {k: v for k, v in detail.items() if k not in ("history", "linked_cases")}
        summary["state"] = f"{detail['state']} ({STATE_LABELS[State(detail['state'])]})"
        summary["allowed_triggers"] = ", ".join(detail["allowed_triggers"])
        emit(summary, False, title=f"case {case_id}")
        emit(
            detail["history"],
            False,
            ["seq", "occurred_at", "actor", "trigger", "from_state", "to_state"],
            "history",
        )
        if detail["linked_cases"]:
            emit(
                detail["linked_cases"],
                False,
                ["case_id", "kind", "status", "score", "decided_by"],
                "linked cases",
            )


@case_app.command("list")
def list_cases(
    state: Annotated[State | None, typer.Option(help="Only cases in this state.")] = None,
    case_director: Annotated[str | None, typer.Option(help="Only this director's cases.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 100,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: JsonFlag = False,
) -> None:
    """List cases, oldest report first."""
    app = context.app()
    where = CaseFilter(state=state.value if state else None, case_director=case_director)
    rows, _ = app.queries.page(Scope(everything=True), where, app.clock(), limit, offset)
    emit(
        rows,
        as_json,
        [
            "case_id",
            "state",
            "version",
            "risk_level",
            "case_director",
            "municipality",
            "received_at",
        ],
        "cases",
    )
