"""`meldpunt accesslog checkpoint`: the access log's last id and hash, to keep beside a backup;
with `--check FILE`, whether the log (a restored one, say) still holds a checkpoint kept before."""

import json
from pathlib import Path
from typing import Annotated

import typer

from adapters.cli import context
from adapters.cli.errors import ExitCode, fail
from adapters.cli.output import emit
from adapters.db.access_checkpoint import Checkpoint, checkpoint, holds

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def access_checkpoint(
    check: Annotated[
        Path | None, typer.Option(help="A checkpoint kept before (its --json output).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Print the access log's checkpoint, or check one kept before (exit 1 when the log no
    longer holds it)."""
    engine = context.app().engine
    if check is None:
        found = checkpoint(engine)
        emit({"last_id": found.last_id, "last_hash": found.last_hash}, as_json)
        return
    try:
        kept = Checkpoint(**json.loads(check.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        fail("operations.bad_checkpoint", ExitCode.BAD_INPUT, path=str(check))
    held = holds(engine, kept)
    emit({"last_id": kept.last_id, "holds": held}, as_json)
    if not held:
        raise typer.Exit(ExitCode.FAILURE)
