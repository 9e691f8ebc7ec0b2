"""Who asks, on the command line: a named user of the service with their role, from `--actor`
or MELDPUNT_ACTOR, checked against the users table. Every command that reads or changes a case
passes the same gate as the HTTP API (adapters/gate.py): the role's permissions, the scope of
cases, breaking the glass with a stated reason, and a row in the access log. Commands that read
no person (the outbox, the jobs, migrations) take no actor."""

import getpass
import os
import socket
from typing import Annotated

import typer

from adapters.cli import context
from adapters.gate import Gate, break_glass_reason
from workflow.errors import InvalidInput, reason

ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor",
        help="Who you are: a user of `meldpunt users list` (default: $MELDPUNT_ACTOR).",
    ),
]
PurposeOption = Annotated[
    str | None, typer.Option("--purpose", help="Why you access this (kept in the access log).")
]
OnBehalfOption = Annotated[
    str | None, typer.Option("--on-behalf-of", help="The user you do this for.")
]
BreakGlassOption = Annotated[
    str | None,
    typer.Option(
        "--break-glass",
        metavar="REASON",
        help="Open a case outside your own, saying why: logged and reviewed by the team lead.",
    ),
]


def gate(
    actor: str | None,
    purpose: str | None = None,
    on_behalf_of: str | None = None,
    break_glass: str | None = None,
) -> Gate:
    """The gate for the user named by --actor or MELDPUNT_ACTOR; InvalidInput when there is
    none or no such user."""
    app = context.app()
    name = (actor or os.environ.get("MELDPUNT_ACTOR") or "").strip()
    if not name:
        why = reason(
            "cli.no_actor",
            "say who you are: --actor NAME or MELDPUNT_ACTOR=NAME (see meldpunt users list)",
        )
        raise InvalidInput([("--actor", why)])
    principal = app.users.principal(name, via=f"cli:{getpass.getuser()}")
    if principal is None:
        why = reason(
            "cli.unknown_actor",
            "no user '{name}'; add one with: meldpunt users add {name} --role ROLE",
            name=name,
        )
        raise InvalidInput([("--actor", why)])
    return Gate(
        app,
        principal,
        socket.gethostname(),
        (purpose or "").strip() or "case_work",
        (on_behalf_of or "").strip() or None,
        break_glass_reason(break_glass, "--break-glass"),
    )
