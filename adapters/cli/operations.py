"""Operating the service: migrations, the event worker, the outbox, notifications, the diagram."""

from pathlib import Path
from typing import Annotated

import structlog
import typer

from adapters.cli import asking, context
from adapters.cli.asking import ActorOption
from adapters.cli.errors import ExitCode, fail, reported, texts
from adapters.cli.output import emit
from states.diagram import document

log = structlog.get_logger(__name__)

db_app = typer.Typer(help="The database schema.", no_args_is_help=True)
outbox_app = typer.Typer(help="The outbox: events waiting, done and dead.", no_args_is_help=True)
notifications_app = typer.Typer(help="Stored notifications per person.", no_args_is_help=True)
states_app = typer.Typer(help="The case state machine.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema to the newest version (idempotent)."""
    from adapters.db.migrate import upgrade  # alembic: only this command needs it

    upgrade(context.app().engine)
    typer.echo("database is up to date")


def worker(
    drain: Annotated[
        bool, typer.Option("--drain", help="Handle every pending event, then exit.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Run the event handlers: from RabbitMQ when MELDPUNT_BROKER_URL is set, else straight from
    the outbox (embedded mode)."""
    if context.settings().broker_url is not None:
        from adapters.cli.broker import run_worker  # kombu is loaded in production mode only

        run_worker(drain, as_json)
        return
    app = context.app(long_running=not drain)
    context.check_partners(app)
    if drain:
        handled = app.dispatcher.drain()
        emit({"attempted": handled, **app.outbox.status()}, as_json)
        return
    app.dispatcher.run(context.stop_on_signals(), app.settings.dispatch_interval_seconds)


@outbox_app.command("status")
def outbox_status(as_json: JsonFlag = False) -> None:
    """Counts of pending, done and dead events, and the age of the oldest pending one."""
    emit(context.app().outbox.status(), as_json)


@outbox_app.command("dead")
def outbox_dead(as_json: JsonFlag = False) -> None:
    """Events whose handlers kept failing, with the last error."""
    rows = [
        {
            "event_id": r.event_id,
            "event_type": r.event_type,
            "case_id": r.case_id,
            "attempts": r.attempts,
            "last_error": r.last_error,
        }
        for r in context.app().outbox.dead()
    ]
    emit(rows, as_json, ["event_id", "event_type", "case_id", "attempts", "last_error"], "dead")


@outbox_app.command("retry")
def outbox_retry(
    event_id: Annotated[
        str | None, typer.Option(help="Only this event; default: all dead.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Put dead events back in the queue with a fresh attempt count."""
    count = context.app().outbox.retry_dead(event_id)
    if event_id is not None and count == 0:
        fail("cli.no_dead_event", ExitCode.NOT_FOUND, event_id=event_id)
    emit({"requeued": count}, as_json)


@notifications_app.command("list")
def notifications_list(
    actor: ActorOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 100,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: JsonFlag = False,
) -> None:
    """Your notifications and your role's, newest first."""
    with reported(as_json):
        rows, _ = asking.gate(actor).notifications(limit, offset)
    t = texts()
    said = [{**row, "message": t.notification(row["kind"], row["details"])} for row in rows]
    emit(said, as_json, ["id", "created_at", "kind", "case_id", "message"], "notifications")


@states_app.command("diagram")
def states_diagram(
    write: Annotated[Path | None, typer.Option(help="Write the document to this file.")] = None,
    check: Annotated[Path | None, typer.Option(help="Fail if this file differs.")] = None,
) -> None:
    """Print (or write, or check) the Mermaid state diagram generated from the machine."""
    text = document()
    if check is not None:
        if not check.is_file() or check.read_text(encoding="utf-8") != text:
            fail("cli.diagram_differs", ExitCode.FAILURE, path=str(check))
        return
    if write is not None:
        write.write_text(text, encoding="utf-8")
        return
    typer.echo(text, nl=False)
