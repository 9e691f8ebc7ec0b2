"""`meldpunt status`: is the service ready (the checks of /health/ready) and which processes
beat (their heartbeats: alive, or stale when one died or hangs)."""

from typing import Annotated, Any

import typer

from adapters.cli import context
from adapters.cli.errors import ExitCode, texts
from adapters.cli.output import emit, emit_fields, emit_table
from adapters.ops.heartbeat import read_beats
from adapters.ops.readiness import readiness

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
COLUMNS = ["process", "host", "pid", "heartbeat", "age_seconds", "leader", "started_at"]


def status(as_json: JsonFlag = False) -> None:
    """The readiness checks and every process's heartbeat; exit code 6 when not ready."""
    app = context.app()
    found = readiness(app)
    processes = read_beats(app.settings.heartbeat_dir)
    if as_json:
        emit({**found, "processes": processes}, True)
    else:
        _say(found, processes)
    if found["status"] != "ready":
        raise typer.Exit(ExitCode.UNAVAILABLE)


def _say(found: dict[str, Any], processes: list[dict[str, Any]]) -> None:
    t = texts()
    emit_fields(
        {
            t(f"status.check.{name}"): t(f"status.result.{result}")
            for name, result in found["checks"].items()
        },
        t(f"status.{found['status']}"),
    )
    if not processes:
        typer.echo(t("status.no_processes"))
        return
    rows = [
        {**beat, "heartbeat": t(f"status.{beat['state']}"), "leader": beat.get("leader")}
        for beat in processes
    ]
    emit_table(rows, COLUMNS, t("status.processes"))
