"""The administrator's trail on the command line: `--actor ADMIN --reason "..."` for adding users
and issuing, approving and revoking tokens (adapters/admin_trail.py). Until the first
administrator exists the install is being set up: no actor or reason is needed, and each change
is logged as the bootstrap."""

import os
from typing import Annotated

import typer

from adapters.admin_trail import Trail, stated_reason
from adapters.cli import asking, context

ReasonOption = Annotated[
    str | None,
    typer.Option("--reason", help="Why (kept in the access log); needed once an admin exists."),
]


def trail(actor: str | None, reason: str | None) -> Trail:
    """The trail of the administrator named by --actor (or MELDPUNT_ACTOR), with their reason;
    the bootstrap's while no administrator exists."""
    app = context.app()
    if not app.users.has_admin():
        named = (actor or os.environ.get("MELDPUNT_ACTOR") or "").strip() or None
        return Trail(app, None, stated_reason(reason, "--reason", required=False), named)
    gate = asking.gate(actor, purpose="administration")
    return Trail(app, gate, stated_reason(reason, "--reason"))
