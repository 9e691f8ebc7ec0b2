"""`meldpunt keys ...`: make a data key, and re-encrypt everything under the newest one."""

from typing import Annotated

import typer
from cryptography.fernet import Fernet

from adapters.cli import context
from adapters.cli.output import emit
from adapters.cli.progress import progress
from adapters.db.rotation import rotate_keys

keys_app = typer.Typer(help="Keys for data at rest.", no_args_is_help=True)


JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


@keys_app.command("generate")
def generate(as_json: JsonFlag = False) -> None:
    """Print a new Fernet key, to put first in MELDPUNT_DATA_KEYS."""
    key = Fernet.generate_key().decode()
    if as_json:
        emit({"key": key}, as_json)
    else:
        typer.echo(key)


@keys_app.command("rotate")
def rotate(as_json: JsonFlag = False) -> None:
    """Re-encrypt all data at rest under the first key of MELDPUNT_DATA_KEYS (one transaction)."""
    app = context.app()
    with progress("keys rotate") as shown:
        counts = rotate_keys(app.engine, app.cipher, shown)
    emit(counts, as_json)
