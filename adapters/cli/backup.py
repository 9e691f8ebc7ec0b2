"""`meldpunt accesslog checkpoint`: sign the access log's head and keep it (the checkpoint file,
the operator's log) and print it, to keep beside a backup too; with `--check FILE`, whether the
log (a restored one, say) still holds a checkpoint kept before, and that its signature is ours."""

import json
from pathlib import Path
from typing import Annotated

import typer

from adapters.access_anchor import record_checkpoint, signed_by
from adapters.cli import context
from adapters.cli.errors import ExitCode, fail
from adapters.cli.output import emit
from adapters.crypto import load_or_create_secret_file
from adapters.db.access_checkpoint import Checkpoint, holds

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def access_checkpoint(
    check: Annotated[
        Path | None, typer.Option(help="A checkpoint kept before (its --json output).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record and print the access log's signed checkpoint, or check one kept before (exit 1
    when the log no longer holds it or its signature is wrong)."""
    app = context.app()
    if check is None:
        found, _ = record_checkpoint(app.engine, app.settings, app.clock())
        emit(found.to_json(), as_json)
        return
    try:
        kept = Checkpoint.from_json(json.loads(check.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        fail("operations.bad_checkpoint", ExitCode.BAD_INPUT, path=str(check))
    if kept.signature is not None:  # signed (the older ones were not): by our key?
        key_file = app.settings.access_checkpoint_key_file
        if not key_file.exists() or not signed_by(load_or_create_secret_file(key_file), kept):
            fail("access_anchor.bad_signature", ExitCode.FAILURE, path=str(check))
    held = holds(app.engine, kept)
    emit({"last_id": kept.last_id, "holds": held}, as_json)
    if not held:
        raise typer.Exit(ExitCode.FAILURE)
