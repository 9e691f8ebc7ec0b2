"""`meldpunt partner sent PARTNER --since ...`: what was sent to a partner (or waits to be),
for checking a partner's complaint that something never arrived. No personal data: the key
each message carried, event, form, the names of its fields, legal basis, case id, delivery."""

from datetime import datetime
from typing import Annotated

import typer

from adapters.cli import context
from adapters.cli.errors import ExitCode, fail
from adapters.cli.output import emit
from adapters.cli.paging import LimitOption, OffsetOption, say_more
from adapters.scheduler.jobs import parse_moment

COLUMNS = ["created_at", "key", "event_type", "form", "case_id", "status", "channel", "attempts"]


def sent(
    partner: Annotated[str, typer.Argument(help="The partner's code: police, comensha, ...")],
    since: Annotated[
        str, typer.Option(help="From this ISO date or moment (Amsterdam time without offset).")
    ],
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """What went to PARTNER since a moment, oldest first, and how each delivery went."""
    app = context.app()
    if partner not in app.partners.partners:
        known = ", ".join(app.partners.partners)
        fail("cli.unknown_partner", ExitCode.BAD_INPUT, partner=partner, known=known)
    try:
        moment: datetime = parse_moment(since)
    except ValueError:
        fail("cli.bad_since", ExitCode.BAD_INPUT, since=since)
    rows, total = app.deliveries.sent_to(partner, moment, limit, offset)
    emit(rows, as_json, COLUMNS, partner)
    say_more(len(rows), offset, total)
