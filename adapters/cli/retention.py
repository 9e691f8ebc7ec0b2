"""`meldpunt retention ...`: destruction lists (list, approve, remove, run), legal holds (hold,
release) and erasure requests. Every command passes the gate as the team lead's action and is
in the access log (docs/retention.md)."""

from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from adapters.cli import asking
from adapters.cli.asking import ActorOption
from adapters.cli.errors import reported, texts
from adapters.cli.output import emit
from adapters.db.retention_queries import ITEM_COLUMNS, RetentionQueries
from adapters.record_run import prune_noncase_records
from adapters.retention_run import anonymise_approved
from workflow.access import Action
from workflow.record_store import RecordBatch
from workflow.retention_commands import (
    ApproveDestructionList,
    LiftLegalHold,
    PlaceLegalHold,
    RequestErasure,
    TakeOffDestructionList,
)
from workflow.retention_store import Batch

retention_app = typer.Typer(
    help="Retention: destruction lists, legal holds, erasure.", no_args_is_help=True
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why (at least 10 characters).")]
MANAGE = Action.MANAGE_RETENTION


@retention_app.command("list")
def list_lists(
    list_id: Annotated[str | None, typer.Argument(help="One list: its cases.")] = None,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The destruction lists, newest first; with LIST_ID, the cases on that list and why."""
    with reported(as_json):
        gate = asking.gate(actor)
        gate.allow(MANAGE, "retention")
        queries = RetentionQueries(gate.app.engine)
        with gate.logged(MANAGE, "destruction_list", fields=("list", list_id or "all")):
            if list_id is None:
                rows: list[dict[str, Any]] = queries.lists()
                columns = ["list_id", "status", "created_at", "approved_by", "cases"]
            else:
                rows, columns = queries.items(list_id), ITEM_COLUMNS
        emit(rows, as_json, columns, texts()("retention.lists_title"))


@retention_app.command("approve")
def approve(list_id: str, actor: ActorOption = None, as_json: JsonFlag = False) -> None:
    """Approve a destruction list: its cases are anonymised by the next run."""
    with reported(as_json):
        gate = asking.gate(actor)
        gate.allow(MANAGE, "destruction_list")
        command = ApproveDestructionList(actor=gate.principal.name, list_id=list_id)
        count = gate.handle(command, MANAGE, "destruction_list", fields=("approve",))
        emit({"list_id": list_id, "approved_cases": count}, as_json)


@retention_app.command("remove")
def remove(
    list_id: str,
    case_id: str,
    reason: ReasonOption,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Take a case off a destruction list, saying why; it is kept and listed again later."""
    with reported(as_json):
        gate = asking.gate(actor)
        gate.allow(MANAGE, "destruction_list", case_id)
        command = TakeOffDestructionList(
            actor=gate.principal.name, list_id=list_id, case_id=case_id, reason=reason
        )
        gate.handle(command, MANAGE, "destruction_list", case_id, ("remove",))
        emit({"list_id": list_id, "case_id": case_id, "status": "removed"}, as_json)


@retention_app.command("run")
def run(
    batch_size: Annotated[int, typer.Option(min=0, max=100_000, help="0: configured")] = 0,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Anonymise the cases of approved lists now, then the advice questions and prevention
    activities past their term, one batch (transaction) at a time."""
    with reported(as_json):
        gate = asking.gate(actor)
        gate.allow(MANAGE, "retention")
        entry = gate.entry("write", "case", "ok", fields=("anonymise",))

        def line(batch: Batch, done: int) -> None:
            said = texts()("retention.batch_done", done=done, remaining=batch.remaining)
            typer.echo(said, err=True)

        def record_line(batch: RecordBatch) -> None:
            what = texts()(f"record_terms.{batch.step}")
            said = texts()(
                "record_terms.batch_done", done=batch.done, what=what, remaining=batch.remaining
            )
            typer.echo(said, err=True)

        now = datetime.now(UTC)
        done = anonymise_approved(gate.app.bus, now, gate.principal.name, entry, batch_size, line)
        records = prune_noncase_records(
            gate.app.bus, now, gate.principal.name, entry, batch_size, record_line
        )
        emit({"anonymised": done, **records}, as_json)


@retention_app.command("hold")
def hold(
    case_id: str, reason: ReasonOption, actor: ActorOption = None, as_json: JsonFlag = False
) -> None:
    """Place a legal hold (a prosecution, complaint or police request): nothing is destroyed."""
    with reported(as_json):
        gate = asking.gate(actor)
        gate.allow(MANAGE, "legal_hold", case_id)
        command = PlaceLegalHold(actor=gate.principal.name, case_id=case_id, reason=reason)
        hold_id = gate.handle(command, MANAGE, "legal_hold", case_id, ("place",))
        emit({"case_id": case_id, "hold_id": hold_id}, as_json)


@retention_app.command("release")
def release(
    case_id: str, reason: ReasonOption, actor: ActorOption = None, as_json: JsonFlag = False
) -> None:
    """Lift the legal holds of a case, saying why."""
    with reported(as_json):
        gate = asking.gate(actor)
        gate.allow(MANAGE, "legal_hold", case_id)
        command = LiftLegalHold(actor=gate.principal.name, case_id=case_id, reason=reason)
        lifted = gate.handle(command, MANAGE, "legal_hold", case_id, ("lift",))
        emit({"case_id": case_id, "lifted": lifted}, as_json)


@retention_app.command("erase")
def erase(
    case_id: str, reason: ReasonOption, actor: ActorOption = None, as_json: JsonFlag = False
) -> None:
    """A request for erasure (AVG art. 17): the case goes on a list of its own for approval,
    or the refusal says why (a legal hold, an open case, a term that forbids it)."""
    with reported(as_json):
        gate = asking.gate(actor)
        gate.allow(MANAGE, "erasure", case_id)
        command = RequestErasure(actor=gate.principal.name, case_id=case_id, reason=reason)
        list_id = gate.handle(command, MANAGE, "erasure", case_id, ("erasure",))
        emit({"case_id": case_id, "list_id": list_id}, as_json)
