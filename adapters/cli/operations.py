"""Operating the service: migrations, the event worker, the outbox, notifications, the diagram."""

from pathlib import Path
from typing import Annotated

import structlog
import typer

from adapters.cli import asking, context
from adapters.cli.asking import ActorOption
from adapters.cli.errors import ExitCode, fail, reported, texts
from adapters.cli.output import emit
from adapters.cli.paging import LimitOption, OffsetOption, say_more
from adapters.ops.heartbeat import beating
from states.diagram import document

log = structlog.get_logger(__name__)

db_app = typer.Typer(help="The database schema.", no_args_is_help=True)
outbox_app = typer.Typer(help="The outbox: events waiting, done and dead.", no_args_is_help=True)
notifications_app = typer.Typer(help="Stored notifications per person.", no_args_is_help=True)
states_app = typer.Typer(help="The case state machine.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


@db_app.command("upgrade")
def db_upgrade(as_json: JsonFlag = False) -> None:
    """Create or migrate the schema to the newest version (idempotent); says from which
    revision to which, or that it was current already."""
    from adapters.db.migrate import upgrade  # alembic: only the db commands need it

    before, after = upgrade(context.app().engine)
    if as_json:
        emit({"database": "up_to_date", "from": before, "to": after}, as_json)
    elif before == after:
        typer.echo(texts()("db.already_current", revision=after))
    else:
        typer.echo(texts()("db.upgraded", before=before or texts()("db.empty"), after=after))


@db_app.command("current")
def db_current(as_json: JsonFlag = False) -> None:
    """The revision the database is at, and the newest this release knows."""
    from adapters.db.migrate import current, head

    found, newest = current(context.app().engine), head()
    if as_json:
        emit({"current": found, "head": newest, "up_to_date": found == newest}, as_json)
        return
    t = texts()
    said = t("db.at_head") if found == newest else t("db.behind", head=newest)
    typer.echo(t("db.current", revision=found or t("db.empty"), said=said))


@db_app.command("history")
def db_history(as_json: JsonFlag = False) -> None:
    """Every migration, oldest first, with the one the database is at marked."""
    from adapters.db.migrate import current, history

    found = current(context.app().engine)
    rows = [
        {
            "revision": r.revision,
            "down_revision": r.down_revision,
            "description": r.description,
            "current": r.revision == found,
        }
        for r in history()
    ]
    emit(rows, as_json, ["revision", "description", "current"], texts()("db.history"))


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
    with beating(app.settings, "worker"):
        app.dispatcher.run(context.stop_on_signals(), app.settings.dispatch_interval_seconds)


@outbox_app.command("status")
def outbox_status(as_json: JsonFlag = False) -> None:
    """Counts of pending, done and dead events, and the age of the oldest pending one."""
    emit(context.app().outbox.status(), as_json)


@outbox_app.command("dead")
def outbox_dead(
    limit: LimitOption = 100, offset: OffsetOption = 0, as_json: JsonFlag = False
) -> None:
    """Events whose handlers kept failing, with the last error, oldest first."""
    outbox = context.app().outbox
    rows = [
        {
            "event_id": r.event_id,
            "event_type": r.event_type,
            "case_id": r.case_id,
            "attempts": r.attempts,
            "last_error": r.last_error,
        }
        for r in outbox.dead(limit, offset)
    ]
    emit(rows, as_json, ["event_id", "event_type", "case_id", "attempts", "last_error"], "dead")
    say_more(len(rows), offset, outbox.status()["dead"])


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
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
    as_json: JsonFlag = False,
) -> None:
    """Your notifications and your role's, newest first."""
    with reported(as_json):
        rows, total = asking.gate(actor).notifications(limit, offset)
    t = texts()
    said = [{**row, "message": t.notification(row["kind"], row["details"])} for row in rows]
    emit(said, as_json, ["id", "created_at", "kind", "case_id", "message"], "notifications")
    say_more(len(rows), offset, total)


@states_app.command("diagram")
def states_diagram(
    write: Annotated[Path | None, typer.Option(help="Write the document to this file.")] = None,
    check: Annotated[Path | None, typer.Option(help="Fail if this file differs.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Print (or write, or check) the Mermaid state diagram generated from the machine."""
    text = document()
    if check is not None:
        if not check.is_file() or check.read_text(encoding="utf-8") != text:
            fail("cli.diagram_differs", ExitCode.FAILURE, path=str(check))
        if as_json:
            emit({"checked": str(check), "same": True}, as_json)
        return
    if write is not None:
        write.write_text(text, encoding="utf-8")
        if as_json:
            emit({"written": str(write)}, as_json)
        return
    if as_json:
        emit({"document": text}, as_json)
    else:
        typer.echo(text, nl=False)
