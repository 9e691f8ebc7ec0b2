"""`meldpunt scheduler` and `meldpunt jobs ...`: run the scheduled jobs, list them, run one as of
a given moment (for tests and for an operator checking a backlog)."""

from datetime import datetime
from typing import Annotated, Any

import typer

from adapters.cli import context
from adapters.cli.errors import ExitCode, fail
from adapters.cli.output import emit
from adapters.cli.progress import progress
from adapters.ops.heartbeat import beating
from adapters.scheduler.jobs import JOBS, parse_moment
from adapters.scheduler.runner import run_scheduler

jobs_app = typer.Typer(help="The scheduled jobs.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def scheduler(as_json: JsonFlag = False) -> None:
    """Run the scheduler; with several processes, one is elected and the others wait. Its log
    lines are JSON with --json (as with MELDPUNT_LOG_JSON=true)."""
    app = context.app(long_running=True, as_json=as_json)
    said: dict[str, Any] = {}
    with beating(app.settings, "scheduler", lambda: dict(said)):
        run_scheduler(app, context.stop_on_signals(), said=said)


@jobs_app.command("list")
def jobs_list(as_json: JsonFlag = False) -> None:
    """The jobs, what they do and when each runs next."""
    now = context.app().clock()
    rows = []
    for job in JOBS.values():
        next_run: datetime | None = job.trigger().get_next_fire_time(None, now)
        rows.append(
            {
                "name": job.name,
                "description": job.description,
                "trigger": str(job.trigger()),
                "next_run": next_run.isoformat() if next_run else None,
            }
        )
    emit(rows, as_json, ["name", "next_run", "trigger", "description"], "jobs")


@jobs_app.command("run")
def jobs_run(
    name: Annotated[str, typer.Argument(help="A job name from `meldpunt jobs list`.")],
    now: Annotated[
        str | None, typer.Option("--now", help="Run as of this ISO moment (local if no offset).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Run one job once, now or as if it were the moment given."""
    if name not in JOBS:
        fail("cli.unknown_job", ExitCode.BAD_INPUT, name=name, known=", ".join(JOBS))
    moment = context.app().clock()
    if now is not None:
        try:
            moment = parse_moment(now)
        except ValueError:
            fail("cli.bad_now", ExitCode.BAD_INPUT, now=now)
    with progress(f"jobs run {name}") as shown:
        shown.start(None)
        result = JOBS[name].run(context.app(), moment)
    emit({"job": name, "now": moment.isoformat(), **result}, as_json)
