"""`meldpunt accesslog verify`: the access log's hash chain, and that it still holds the latest
signed checkpoint kept outside the database (adapters/access_anchor_check.py)."""

import sys
from typing import Annotated, Any

import typer

from adapters.access_anchor_check import check_against_checkpoint
from adapters.cli import context
from adapters.cli.errors import ExitCode, say_error, texts
from adapters.cli.output import emit

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def verify(as_json: JsonFlag = False) -> None:
    """Check the hash chain, and the log against its latest signed checkpoint; exit 1 and say
    what is wrong when a row was changed, inserted or deleted, rows up to the checkpoint are
    missing, or a checkpoint's signature is wrong."""
    app = context.app()
    report = app.access_log.verify()
    anchored = check_against_checkpoint(app.engine, app.settings, app.clock())
    kept = anchored.checkpoint
    emit(
        {
            "intact": report.intact and anchored.holds is not False,
            "rows_checked": report.rows_checked,
            "first_broken_id": report.first_broken_id,
            "problem": report.problem,
            "checkpoint_last_id": kept.last_id if kept else None,
            "checkpoint_at": kept.at.isoformat() if kept and kept.at else None,
            "checkpoint_holds": anchored.holds,
        },
        as_json,
    )
    for key, values in anchored.problems:
        say_error(key, **_said(values))
    if anchored.holds is None and not anchored.problems:
        t = texts()
        sys.stderr.write(t("access_anchor.none", path=str(app.settings.access_checkpoint_file)))
        sys.stderr.write("\n")
    if not report.intact or anchored.problems:
        raise typer.Exit(ExitCode.FAILURE)


def _said(values: dict[str, Any]) -> dict[str, Any]:
    """Moments as a person reads them (Amsterdam time)."""
    return {name: texts().moment(v) if name == "at" else v for name, v in values.items()}
