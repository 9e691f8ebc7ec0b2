"""What every command needs: settings, logging, and the wired application, built once per run."""

import os
import signal
import threading
from functools import lru_cache

import structlog
import typer
from pydantic import ValidationError

from adapters.bootstrap import App, bootstrap
from adapters.cli.errors import ExitCode, fail, texts
from adapters.partners.channels import PartnerChannels, PartnersUnreachable
from config.logging import configure_logging
from config.settings import Settings


def settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"MELDPUNT_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}"
            for e in error.errors()
        )
        fail("cli.invalid_settings", ExitCode.BAD_INPUT, problems=problems)


@lru_cache
def app(long_running: bool = False, as_json: bool = False) -> App:
    """The application; `as_json`: a long-running command's --json, its log lines as JSON."""
    current = settings()
    explicit = "MELDPUNT_LOG_LEVEL" in os.environ
    # One-shot commands print results on stdout; their info lines would only be noise.
    level = current.log_level if long_running or explicit else "WARNING"
    configure_logging(level, True if as_json else current.log_json)
    return bootstrap(current)


def check_partners(app: App, echo: bool = False) -> None:
    """At the start of a process that queues or delivers disclosures: say once which partners
    have no channel in this mode (in the log; `echo`: as a sentence on stderr instead, for a
    person at a terminal), or refuse to start when MELDPUNT_PARTNERS_REQUIRED is set."""
    try:
        problem = app.partner_channels.check(app.settings.partners_required, logged=not echo)
    except PartnersUnreachable as error:
        fail("cli.partners_unreachable", ExitCode.BAD_INPUT, partners=str(error))
    if problem is not None and echo:
        typer.echo(unreachable_said(app.partner_channels), err=True)


def unreachable_said(channels: PartnerChannels) -> str:
    """The partners without a channel, in the person's language."""
    t = texts()
    names = ", ".join(t.label("partner_name", code) for code in channels.unreachable)
    by_broker = ", ".join(t.label("partner_name", code) for code in channels.by_broker)
    return t(
        "operations.partners_without_channel",
        mode=t(f"operations.mode.{channels.mode}"),
        partners=names,
        broker=t("operations.or_broker", partners=by_broker) if by_broker else "",
    )


def stop_on_signals() -> threading.Event:
    """An event set by SIGINT or SIGTERM, for a long-running command to stop cleanly."""
    stop = threading.Event()

    def handle(signum: int, _frame: object) -> None:
        structlog.get_logger(__name__).info("stopping", signal=signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)
    return stop
