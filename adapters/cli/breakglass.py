"""`meldpunt breakglass list [--open]` and `meldpunt breakglass review GRANT --justified |
--not-justified --reason TEXT`: the team lead's review of break-the-glass grants, access-logged
(docs/privacy.md)."""

from typing import Annotated

import typer

from adapters.break_glass_review import list_grants, review_grant
from adapters.cli import asking
from adapters.cli.asking import ActorOption
from adapters.cli.errors import reported, texts
from adapters.cli.output import emit
from adapters.db.break_glass_grants import JUSTIFIED, NOT_JUSTIFIED

breakglass_app = typer.Typer(help="Break-the-glass grants: list and review.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
COLUMNS = ["id", "actor", "case_id", "reason", "granted_at", "expires_at", "review_state"]


@breakglass_app.command("list")
def list_command(
    open_only: Annotated[bool, typer.Option("--open", help="Only those not reviewed.")] = False,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The break-the-glass grants, oldest first."""
    with reported(as_json):
        rows, _ = list_grants(asking.gate(actor), open_only, 1000)
        emit(rows, as_json, COLUMNS, texts()("break_glass.grants_title"))


@breakglass_app.command("review")
def review_command(
    grant_id: str,
    reason: Annotated[str, typer.Option("--reason", help="Why: at least 3 words.")],
    justified: Annotated[
        bool | None,
        typer.Option("--justified/--not-justified", help="The verdict on the grant."),
    ] = None,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Judge an open grant justified or not justified, saying why."""
    with reported(as_json):
        verdict = {True: JUSTIFIED, False: NOT_JUSTIFIED, None: ""}[justified]
        emit(review_grant(asking.gate(actor), grant_id, verdict, reason), as_json)
