"""The production mode's processes and tools: `relay`, the broker `worker`, `deadletters`."""

from typing import Annotated

import structlog
import typer

from adapters.cli import context
from adapters.cli.errors import ExitCode, fail
from adapters.cli.output import emit
from adapters.ops.heartbeat import beating
from config.settings import Settings

log = structlog.get_logger(__name__)

deadletters_app = typer.Typer(
    help="Messages no worker could handle (production mode).", no_args_is_help=True
)
JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def broker_settings() -> Settings:
    settings = context.settings()
    if settings.broker_url is None:
        fail("cli.no_broker")
    return settings


def relay(as_json: JsonFlag = False) -> None:
    """Publish committed events from the outbox to RabbitMQ (run one or several); its log
    lines are JSON with --json."""
    broker_settings()
    app = context.app(long_running=True, as_json=as_json)
    from adapters.bus.relay import Relay  # kombu: loaded only by the commands that need it

    with beating(app.settings, "relay"):
        Relay(app.outbox, app.settings).run(context.stop_on_signals())


def run_worker(drain: bool, as_json: bool) -> None:
    """The worker in production mode: consume the queue (with --drain: until it is empty)."""
    app = context.app(long_running=not drain)
    context.check_partners(app)
    from adapters.bus.worker import Worker

    with beating(app.settings, "worker"):
        taken = Worker(app.bus, app.settings, batches=app.batches).run(
            context.stop_on_signals(), drain=drain
        )
    if drain:
        emit({"messages": taken}, as_json)


@deadletters_app.command("list")
def deadletters_list(
    limit: Annotated[int, typer.Option(help="At most this many.", min=1)] = 100,
    as_json: JsonFlag = False,
) -> None:
    """Dead letters with their reason; they stay in the queue."""
    from adapters.bus import dead_letter_queue

    rows = dead_letter_queue.list_dead(broker_settings(), limit=limit)
    columns = ["message_id", "event_type", "reason", "origin_queue", "replayed"]
    emit(rows, as_json, columns, "dead letters")


@deadletters_app.command("replay")
def deadletters_replay(
    message_id: Annotated[str | None, typer.Option(help="Only this message.")] = None,
    replay_all: Annotated[bool, typer.Option("--all", help="Every dead letter.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Put dead letters back in the queue they died in, for the workers to try again."""
    if (message_id is None) == (not replay_all):
        fail("cli.message_id_or_all")
    from adapters.bus import dead_letter_queue

    count = dead_letter_queue.replay(broker_settings(), message_id=message_id)
    if message_id is not None and count == 0:
        fail("cli.no_dead_letter", ExitCode.NOT_FOUND, message_id=message_id)
    emit({"replayed": count}, as_json)
