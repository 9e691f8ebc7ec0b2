"""`meldpunt activities ...`: prevention activities and trainings (school lessons, trainings,
information sessions), planned and held. Each command acts as a named user and passes the gate
(adapters/noncase_gate.py)."""

from typing import Annotated

import typer

from adapters import noncase_gate as work
from adapters.cli import asking
from adapters.cli.asking import ActorOption
from adapters.cli.errors import reported
from adapters.cli.noncase_input import FileOption, JsonFlag, found, read_json, split
from adapters.cli.noncase_output import readable
from adapters.cli.output import emit
from adapters.cli.paging import LimitOption, OffsetOption, say_more
from workflow.prevention import Status

activities_app = typer.Typer(
    help="Prevention activities and trainings (preventie, voorlichting).", no_args_is_help=True
)
COLUMNS = [
    "activity_id",
    "on",
    "municipality",
    "kind",
    "audience",
    "participants",
    "hours",
    "status",
    "partners",
]


@activities_app.command("add")
def add(
    file: FileOption = None,
    on: Annotated[str | None, typer.Option(help="The day (YYYY-MM-DD).")] = None,
    municipality: Annotated[str | None, typer.Option(help="Any spelling of it.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="school_lesson, training or information_session.")
    ] = None,
    audience: Annotated[
        str | None,
        typer.Option(help="pupils, parents, professionals, volunteers or general_public."),
    ] = None,
    participants: Annotated[
        int | None, typer.Option(help="Expected (planned) or real (held).")
    ] = None,
    partner: Annotated[
        list[str] | None, typer.Option(help="A partner organisation (repeatable).")
    ] = None,
    hours: Annotated[float | None, typer.Option(help="Hours it takes or took.")] = None,
    held: Annotated[
        bool | None, typer.Option("--held/--planned", help="Held already, or planned.")
    ] = None,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a prevention activity or training, planned (the default) or held."""
    with reported(as_json):
        given = {
            "on": on,
            "municipality": municipality,
            "kind": kind,
            "audience": audience,
            "participants": participants,
            "partners": split(partner),
            "hours": hours,
            "held": held,
        }
        form = read_json(file, given)
        gate = asking.gate(actor)
        shown = work.record_activity(gate, form)
        title = gate.app.texts("noncase.activity_title", id=shown["activity_id"])
        emit(shown if as_json else readable(shown, gate.app.texts, {}), as_json, title=title)


@activities_app.command("list")
def list_activities(
    municipality: Annotated[str | None, typer.Option(help="Only this municipality.")] = None,
    status: Annotated[Status | None, typer.Option(help="planned or held.")] = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Prevention activities and trainings, the latest day first."""
    with reported(as_json):
        gate = asking.gate(actor)
        rows, total = work.list_activities(gate, municipality, status, limit, offset)
        shown = rows if as_json else [readable(row, gate.app.texts, {}) for row in rows]
        emit(shown, as_json, COLUMNS, gate.app.texts("noncase.activity_list"))
        say_more(len(rows), offset, total)


@activities_app.command("show")
def show(activity_id: str, actor: ActorOption = None, as_json: JsonFlag = False) -> None:
    """One prevention activity."""
    with reported(as_json), found(as_json):
        gate = asking.gate(actor)
        shown = work.show_activity(gate, activity_id)
        title = gate.app.texts("noncase.activity_title", id=activity_id)
        emit(shown if as_json else readable(shown, gate.app.texts, {}), as_json, title=title)


@activities_app.command("held")
def held(
    activity_id: str,
    participants: Annotated[int, typer.Option(help="How many took part.")],
    hours: Annotated[float | None, typer.Option(help="The real hours, if not as planned.")] = None,
    on: Annotated[str | None, typer.Option(help="The day it was held, if not as planned.")] = None,
    actor: ActorOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Mark a planned activity held, with the real number of participants."""
    with reported(as_json):
        data = read_json(None, {"participants": participants, "hours": hours, "on": on})
        gate = asking.gate(actor)
        shown = work.mark_held(gate, activity_id, data)
        title = gate.app.texts("noncase.activity_title", id=activity_id)
        emit(shown if as_json else readable(shown, gate.app.texts, {}), as_json, title=title)
