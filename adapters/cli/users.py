"""`meldpunt users ...`, `meldpunt tokens ...` and the `meldpunt accesslog ...` group: who may use
the API and their bearer tokens (the access log's commands: access_verify.py, backup.py)."""

from typing import Annotated

import typer

from adapters import admin_trail
from adapters.cli import context
from adapters.cli.admin_trail import ReasonOption, trail
from adapters.cli.asking import ActorOption, gate
from adapters.cli.errors import ExitCode, fail, reported
from adapters.cli.output import emit
from adapters.cli.paging import LimitOption, OffsetOption, say_more
from adapters.db.users import LocalTokensOff, UnknownUser, UserExists
from adapters.db.web_accounts import MIN_PASSWORD, WebAccounts
from workflow.access import Role

users_app = typer.Typer(help="Users of the HTTP API and their roles.", no_args_is_help=True)
tokens_app = typer.Typer(help="Bearer tokens for the HTTP API.", no_args_is_help=True)
accesslog_app = typer.Typer(help="The access log (NEN 7513).", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


@users_app.command("add")
def add(
    name: str,
    role: Annotated[
        list[Role], typer.Option(help="The user's role; give it again for each further role.")
    ],
    team: Annotated[str | None, typer.Option(help="The team, for case directors.")] = None,
    password: Annotated[
        bool, typer.Option("--password", help="Ask for a password to sign in to the web pages.")
    ] = False,
    actor: ActorOption = None,
    reason: ReasonOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a user with one or more roles (they act with all of them), and a team; an
    administrator does, saying why (--actor, --reason), except while there is none yet."""
    with reported(as_json):
        made_by = trail(actor, reason)
        secret = ask_password() if password else None
        try:
            added = admin_trail.add_user(made_by, name, role, team)
        except UserExists as error:
            fail("cli.user_exists", ExitCode.CONFLICT, name=error.name)
        if secret is not None:
            web_accounts().set_password(name, secret)
        emit(added, as_json)


@users_app.command("roles")
def set_roles(
    name: str,
    role: Annotated[list[Role], typer.Option(help="A role from now; give it again for each.")],
    actor: ActorOption = None,
    reason: ReasonOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Change another user's roles (an administrator, saying why): they hold these from now."""
    with reported(as_json):
        try:
            emit(admin_trail.set_roles(trail(actor, reason), name, role), as_json)
        except UnknownUser as error:
            fail("cli.unknown_user", ExitCode.NOT_FOUND, what=error.what)


@users_app.command("password")
def set_password(name: str, as_json: JsonFlag = False) -> None:
    """Set a (new) password for the web pages; the user's web sessions end."""
    secret = ask_password()
    try:
        web_accounts().set_password(name, secret)
    except UnknownUser as error:
        fail("cli.unknown_user", ExitCode.NOT_FOUND, what=error.what)
    emit({"name": name, "password_set": True}, as_json)


def ask_password() -> str:
    """A password, asked twice without echo; too short is refused before anything is stored."""
    secret: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(secret) < MIN_PASSWORD:
        fail("cli.weak_password", ExitCode.BAD_INPUT, count=MIN_PASSWORD)
    return secret


def web_accounts() -> WebAccounts:
    app = context.app()
    return WebAccounts(app.engine, app.clock, app.users)


@users_app.command("list")
def list_users(
    limit: LimitOption = 100, offset: OffsetOption = 0, as_json: JsonFlag = False
) -> None:
    """The users, with their roles and teams."""
    rows, total = context.app().users.list(limit=limit, offset=offset)
    if not as_json:
        rows = [{**row, "roles": ", ".join(row["roles"])} for row in rows]
    emit(rows, as_json, ["user_id", "name", "roles", "team", "created_at"], "users")
    say_more(len(rows), offset, total)


@tokens_app.command("issue")
def issue(
    name: str,
    days: Annotated[int | None, typer.Option(min=1, max=366, help="Valid for; default 30.")] = None,
    actor: ActorOption = None,
    reason: ReasonOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Issue a bearer token, printed once and stored only as its SHA-256. For your own account
    it works at once; an administrator's for someone else's waits for a second administrator
    (`meldpunt tokens approve`)."""
    app = context.app()
    with reported(as_json):
        try:
            made_by = trail(actor, reason)
            issued, pending = admin_trail.issue_token(
                made_by, name, days or app.settings.api_token_days
            )
        except UnknownUser as error:
            fail("cli.unknown_user", ExitCode.NOT_FOUND, what=error.what)
        except LocalTokensOff:
            fail("cli.local_tokens_off", ExitCode.BAD_INPUT)
        result = {
            "token_id": issued.token_id,
            "token": issued.token,
            "expires_at": issued.expires_at.isoformat(),
            "pending": pending,
        }
        emit(result, as_json)


@tokens_app.command("approve")
def approve(
    token_id: str, actor: ActorOption = None, reason: ReasonOption = None, as_json: JsonFlag = False
) -> None:
    """Approve a token another administrator requested for someone else's account (four eyes):
    it works from now."""
    with reported(as_json):
        try:
            emit(admin_trail.approve_token(trail(actor, reason), token_id), as_json)
        except UnknownUser as error:
            fail("cli.unknown_user", ExitCode.NOT_FOUND, what=error.what)


@tokens_app.command("revoke")
def revoke(
    token_id: str, actor: ActorOption = None, reason: ReasonOption = None, as_json: JsonFlag = False
) -> None:
    """Revoke a token by its id (an administrator, or its owner); it stops working at once."""
    with reported(as_json):
        try:
            admin_trail.revoke_token(trail(actor, reason), token_id)
        except UnknownUser as error:
            fail("cli.unknown_user", ExitCode.NOT_FOUND, what=error.what)
        emit({"token_id": token_id, "revoked": True}, as_json)


@tokens_app.command("list")
def list_tokens(
    actor: ActorOption = None,
    limit: LimitOption = 100,
    offset: OffsetOption = 0,
    as_json: JsonFlag = False,
) -> None:
    """Every token: whose, made and approved by whom, until when; never a secret (the team
    lead and administrators)."""
    with reported(as_json):
        rows, total = admin_trail.list_tokens(gate(actor), limit, offset)
        columns = ["token_id", "user", "created_by", "approved_by", "pending", "expires_at"]
        emit(rows, as_json, [*columns, "revoked_at"], "tokens")
        say_more(len(rows), offset, total)
