"""`meldpunt advice ...`: advice questions (adviesvragen) a professional asks without a report
about a named person; recorded, listed, shown, and turned into a report with the link kept.
Each command acts as a named user and passes the gate (adapters/noncase_gate.py)."""

from typing import Annotated, Any

import typer

from adapters import noncase_gate as work
from adapters.cli import asking
from adapters.cli.asking import ActorOption
from adapters.cli.errors import reported
from adapters.cli.noncase_input import FileOption, JsonFlag, found, read_json, split
from adapters.cli.noncase_output import readable, signal_words
from adapters.cli.output import emit
from adapters.cli.paging import LimitOption, OffsetOption, say_more
from adapters.gate import Gate

advice_app = typer.Typer(help="Advice questions (adviesvragen).", no_args_is_help=True)
COLUMNS = [
    "advice_id",
    "asked_on",
    "municipality",
    "professional",
    "channel",
    "topics",
    "minutes",
    "led_to_report",
    "case_id",
]


def _for_people(gate: Gate, row: dict[str, Any]) -> dict[str, Any]:
    return readable(row, gate.app.texts, signal_words(gate.app.reference))


@advice_app.command("add")
def add(
    file: FileOption = None,
    asked_on: Annotated[str | None, typer.Option(help="The day it was asked (YYYY-MM-DD).")] = None,
    channel: Annotated[str | None, typer.Option(help="phone, email, web_form, ...")] = None,
    organisation: Annotated[str | None, typer.Option(help="The asking organisation.")] = None,
    professional: Annotated[
        str | None, typer.Option(help="teacher, school_care, youth_worker, ... or other.")
    ] = None,
    municipality: Annotated[str | None, typer.Option(help="Any spelling of it.")] = None,
    topic: Annotated[
        list[str] | None, typer.Option(help="A form of exploitation or a signal (repeatable).")
    ] = None,
    advice: Annotated[str | None, typer.Option(help="The advice given.")] = None,
    minutes: Annotated[int | None, typer.Option(help="Time spent, in minutes.")] = None,
    led_to_report: Annotated[
        bool | None, typer.Option("--led-to-report/--no-report", help="Whether it did.")
    ] = None,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Record an advice question: no name of the person it is about. Every wrong field is
    named at once and nothing is recorded."""
    with reported(as_json):
        given = {
            "asked_on": asked_on,
            "channel": channel,
            "organisation": organisation,
            "professional": professional,
            "municipality": municipality,
            "topics": split(topic),
            "advice": advice,
            "minutes": minutes,
            "led_to_report": led_to_report,
        }
        form = read_json(file, given)
        gate = asking.gate(actor)
        shown = work.record_advice(gate, form)
        t = gate.app.texts
        title = t("noncase.advice_title", id=shown["advice_id"])
        emit(shown if as_json else _for_people(gate, shown), as_json, title=title)


@advice_app.command("list")
def list_advice(
    municipality: Annotated[str | None, typer.Option(help="Only this municipality.")] = None,
    case: Annotated[
        str | None, typer.Option("--case", help="The one that led to this case.")
    ] = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Advice questions, the latest first (without the advice text: `advice show`)."""
    with reported(as_json):
        gate = asking.gate(actor)
        rows, total = work.list_advice(gate, municipality, case, limit, offset)
        t = gate.app.texts
        shown = rows if as_json else [_for_people(gate, row) for row in rows]
        emit(shown, as_json, COLUMNS, t("noncase.advice_list"))
        say_more(len(rows), offset, total)


@advice_app.command("show")
def show(advice_id: str, actor: ActorOption = None, as_json: JsonFlag = False) -> None:
    """One advice question with the advice given."""
    with reported(as_json), found(as_json):
        gate = asking.gate(actor)
        shown = work.show_advice(gate, advice_id)
        t = gate.app.texts
        title = t("noncase.advice_title", id=advice_id)
        emit(shown if as_json else _for_people(gate, shown), as_json, title=title)


@advice_app.command("to-report")
def to_report(
    advice_id: str,
    file: Annotated[str, typer.Option("--file", "-f", help="The report as JSON; - for stdin.")],
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Register the report the advice question led to: one transaction registers the case and
    links the two both ways (`advice list --case CASE_ID` finds it back)."""
    with reported(as_json):
        report = read_json(file, {})
        gate = asking.gate(actor)
        made = work.advice_to_report(gate, advice_id, report)
        emit(made, as_json, title=gate.app.texts("noncase.linked", **made))
