"""`meldpunt partner ...` and `meldpunt consent ...`: partner events in, disclosures out, and the
consent that decides what may go."""

import sys
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from adapters.cli import asking, context
from adapters.cli.asking import ActorOption, BreakGlassOption, PurposeOption
from adapters.cli.errors import ExitCode, fail, reported
from adapters.cli.output import emit
from adapters.cli.progress import progress
from adapters.db.stuck_disclosures import listed
from adapters.ops.heartbeat import beating
from workflow.access import Action
from workflow.errors import validated

partner_app = typer.Typer(help="Partner events in, disclosures out.", no_args_is_help=True)
consent_app = typer.Typer(help="Consent records of a case.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
DrainFlag = Annotated[bool, typer.Option("--drain", help="Work until nothing is due, then exit.")]


@partner_app.command("ingest")
def ingest(
    file: Annotated[str, typer.Option("--file", "-f", help="CloudEvents, one per line; - stdin")],
    as_json: JsonFlag = False,
) -> None:
    """Take partner events from a file (the embedded mode's way in). Every line is tried, a bad
    one never stops the run: each refused or failed line is listed with its number and reason,
    a summary follows, and the exit code is 2 if there were any. A line taken before is a
    duplicate, so the file can be given again."""
    from adapters.partners.ingest import ingest_lines

    if file != "-" and not Path(file).is_file():
        fail("cli.no_such_file", ExitCode.BAD_INPUT, path=file)
    data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    app = context.app()
    lines = data.splitlines()
    with progress("partner ingest") as shown:
        shown.start(sum(1 for line in lines if line.strip()))
        summary = ingest_lines(app, lines, shown.advance)
    emit(summary, as_json)
    if summary["refused"] or summary["failed"]:
        raise typer.Exit(ExitCode.BAD_INPUT)


@partner_app.command("consume")
def consume(drain: DrainFlag = False, as_json: JsonFlag = False) -> None:
    """Take partner events from RabbitMQ (exchange meldpunt.partners)."""
    from adapters.partners.consumer import PartnerConsumer
    from adapters.partners.inbound import PartnerInbound

    app = context.app(long_running=not drain)
    if app.settings.broker_url is None:
        fail("cli.no_broker_for_partners")
    consumer = PartnerConsumer(PartnerInbound(app.bus, app.partners), app.bus, app.settings)
    with beating(app.settings, "partner-consume"):
        taken = consumer.run(context.stop_on_signals(), drain=drain)
    if drain:
        emit({"messages": taken, **consumer.outcomes}, as_json)


@partner_app.command("deliver")
def deliver(drain: DrainFlag = False, as_json: JsonFlag = False) -> None:
    """Deliver pending disclosures, each partner by its channel in this mode: AMQP partners
    through the broker when one is set, every other partner with a webhook by its webhook."""
    from adapters.partners.delivery import PartnerDelivery

    app = context.app(long_running=not drain)
    context.check_partners(app)
    delivery = PartnerDelivery(app.deliveries, app.settings, app.partner_channels)
    if not drain:
        with beating(app.settings, "partner-deliver"):
            delivery.run(context.stop_on_signals())
        return
    attempted = 0
    while (count := delivery.deliver_once()) > 0:
        attempted += count
    emit({"attempted": attempted}, as_json)


@partner_app.command("disclosures")
def disclosures(
    case_id: Annotated[str | None, typer.Argument(help="The case (or --stuck).")] = None,
    stuck: Annotated[
        bool, typer.Option("--stuck", help="Every case's disclosures pending past the stuck time.")
    ] = False,
    actor: ActorOption = None,
    purpose: PurposeOption = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """What went to which partner about a case, on which legal basis; or, with --stuck, what
    has waited too long across cases (no personal data: partner, event, case, times, error)."""
    if (case_id is None) == (not stuck):
        fail("cli.case_or_stuck", ExitCode.BAD_INPUT)
    app = context.app()
    if stuck:
        since = app.clock() - timedelta(minutes=app.settings.disclosure_stuck_minutes)
        rows = [listed(item) for item in app.deliveries.stuck(since)]
        columns = ["created_at", "partner", "event_type", "case_id", "attempts", "last_error"]
        emit(rows, as_json, columns, "stuck disclosures")
        return
    with reported(as_json):
        gate = asking.gate(actor, purpose, break_glass=break_glass)
        read = partial(gate.app.queries.detail, str(case_id))
        found = gate.read_case(Action.READ_CASE, str(case_id), ("disclosures",), read)
        rows = found["disclosures"]
        emit(
            rows,
            as_json,
            ["created_at", "partner", "event_type", "form", "legal_basis", "status"],
            "disclosures",
        )


@consent_app.command("record")
def record(
    case_id: str,
    given_by: Annotated[
        str, typer.Option(help="subject, parent_or_guardian, legal_representative")
    ],
    scope: Annotated[str, typer.Option(help="registration, care_referral or sharing")],
    given_at: Annotated[str, typer.Option(help="When it was given (ISO date-time with offset)")],
    partner: Annotated[str | None, typer.Option(help="The partner, for scope sharing")] = None,
    actor: ActorOption = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a consent; it is part of the case's history."""
    from workflow.commands import RecordConsent
    from workflow.consent import ConsentData

    with reported(as_json):
        data = {"given_by": given_by, "scope": scope, "given_at": given_at, "partner": partner}
        given = {k: v for k, v in data.items() if v is not None}
        consent = validated(ConsentData, given, "consent")
        gate = asking.gate(actor, break_glass=break_glass)
        command = RecordConsent(actor=gate.principal.name, case_id=case_id, consent=consent)
        ref = gate.change_case(Action.MANAGE_CONSENT, case_id, command)
        emit({"case_id": ref.case_id, "version": ref.version}, as_json)


@consent_app.command("withdraw")
def withdraw(
    case_id: str,
    consent_id: str,
    actor: ActorOption = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Withdraw a consent: recorded, not erased; nothing more goes out on it."""
    from workflow.commands import WithdrawConsent

    with reported(as_json):
        gate = asking.gate(actor, break_glass=break_glass)
        command = WithdrawConsent(actor=gate.principal.name, case_id=case_id, consent_id=consent_id)
        ref = gate.change_case(Action.MANAGE_CONSENT, case_id, command)
        emit({"case_id": ref.case_id, "version": ref.version}, as_json)


@consent_app.command("list")
def list_consents(
    case_id: str,
    actor: ActorOption = None,
    purpose: PurposeOption = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The case's consents, withdrawn ones included."""
    with reported(as_json):
        gate = asking.gate(actor, purpose, break_glass=break_glass)
        read = partial(gate.app.queries.detail, case_id)
        rows = gate.read_case(Action.MANAGE_CONSENT, case_id, ("consents",), read)["consents"]
        emit(
            rows,
            as_json,
            ["consent_id", "scope", "partner", "given_by", "given_at", "withdrawn_at"],
            "consents",
        )
