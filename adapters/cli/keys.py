"""`meldpunt keys ...`: make a data key, and re-encrypt everything under the newest one."""

from typing import Annotated

import typer
from cryptography.fernet import Fernet

from adapters.cli import context
from adapters.cli.output import emit
from adapters.db.rotation import rotate_keys

keys_app = typer.Typer(help="Keys for data at rest.", no_args_is_help=True)


@keys_app.command("generate")
def generate() -> None:
    """Print a new Fernet key, to put first in MELDPUNT_DATA_KEYS."""
    typer.echo(Fernet.generate_key().decode())


@keys_app.command("rotate")
def rotate(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Re-encrypt all data at rest under the first key of MELDPUNT_DATA_KEYS (one transaction)."""
    app = context.app()
    emit(rotate_keys(app.engine, app.cipher), as_json)
