"""Lists page: `--limit` and `--offset` on every list that can grow, and a line on stderr when
there is more than was shown, with the option that shows the next page. stdout keeps only the
rows (a table, or the JSON list), so a pipe reads the same whether or not there is more."""

from typing import Annotated

import typer

from adapters.cli.errors import texts

MAX_LIMIT = 1000
LimitOption = Annotated[
    int, typer.Option(min=1, max=MAX_LIMIT, help=f"At most this many rows (1 to {MAX_LIMIT}).")
]
OffsetOption = Annotated[int, typer.Option(min=0, help="Skip this many rows first.")]


def say_more(shown: int, offset: int, total: int) -> None:
    """When the list goes on past what was shown: which rows these were, of how many."""
    if offset + shown >= total:
        return
    first, last = (offset + 1, offset + shown) if shown else (offset, offset)
    line = texts()("cli.more", first=first, last=last, total=total, next=offset + shown)
    typer.echo(line, err=True)
