"""The `meldpunt` command: one typer app with a sub-app per subject."""

import sys
from importlib.metadata import version
from typing import Annotated

import typer
from sqlalchemy.exc import OperationalError

from adapters.cli import (
    access_verify,
    activities,
    advice,
    backup,
    breakglass,
    broker,
    case_rights,
    cases,
    cost_share,
    figures,
    keys,
    operations,
    partner_sent,
    partners,
    retention,
    risk,
    scheduling,
    serve,
    status,
    subject_rights,
    users,
)
from adapters.cli.errors import ExitCode, say_error
from adapters.crypto import DataKeysDoNotFit

app = typer.Typer(
    name="meldpunt",
    help="Case workflow of the Meldpunt Loverboyproblematiek / Mensenhandel.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # --install-completion and --show-completion for bash, zsh, fish and PowerShell.
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(shown: bool) -> None:
    if shown:
        typer.echo(f"meldpunt {version('meldpunt')}")
        raise typer.Exit()


@app.callback()
def _options(
    _: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Case workflow of the Meldpunt Loverboyproblematiek / Mensenhandel."""


app.add_typer(operations.db_app, name="db")
app.add_typer(cases.report_app, name="report")
app.add_typer(cases.case_app, name="case")
app.add_typer(operations.outbox_app, name="outbox")
app.add_typer(operations.notifications_app, name="notifications")
app.add_typer(operations.states_app, name="states")
app.command("worker")(operations.worker)
app.command("run")(serve.run)
app.command("api")(serve.api)
app.add_typer(users.users_app, name="users")
app.add_typer(users.tokens_app, name="tokens")
app.add_typer(users.accesslog_app, name="accesslog")
app.command("scheduler")(scheduling.scheduler)
app.add_typer(scheduling.jobs_app, name="jobs")
app.add_typer(risk.risk_app, name="risk")
app.add_typer(keys.keys_app, name="keys")
app.command("relay")(broker.relay)
app.add_typer(broker.deadletters_app, name="deadletters")
app.add_typer(partners.partner_app, name="partner")
partners.partner_app.command("sent")(partner_sent.sent)
app.add_typer(partners.consent_app, name="consent")
app.add_typer(figures.figures_app, name="figures")
figures.figures_app.command("cost-share")(cost_share.cost_share)
figures.figures_app.command("prevalence")(cost_share.prevalence)
app.add_typer(advice.advice_app, name="advice")
app.add_typer(activities.activities_app, name="activities")
app.command("status")(status.status)
users.accesslog_app.command("verify")(access_verify.verify)
users.accesslog_app.command("checkpoint")(backup.access_checkpoint)
app.add_typer(subject_rights.subject_app, name="subject")
cases.case_app.command("correct")(case_rights.correct)
cases.case_app.command("restrict")(case_rights.restrict)
cases.case_app.command("lift-restriction")(case_rights.lift_restriction)
app.add_typer(retention.retention_app, name="retention")
app.add_typer(breakglass.breakglass_app, name="breakglass")


def main() -> None:
    try:
        app()
    except OperationalError as error:  # the database cannot be reached or is not answering
        say_error("cli.database_unavailable", error=str(error.orig))
        sys.exit(ExitCode.UNAVAILABLE)
    except DataKeysDoNotFit:  # a database restored without its keys (docs/operations.md)
        say_error("operations.data_keys_do_not_fit")
        sys.exit(ExitCode.UNAVAILABLE)
