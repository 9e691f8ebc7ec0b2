"""`meldpunt figures TABLE`: figures for the municipalities (docs/figures.md). Analysts and team
leads; small cells suppressed unless a team lead asks --unsuppressed. Printed as a table in
the person's language, or --json (codes), --csv FILE, --xlsx FILE. Every request is logged."""

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from adapters.cli import asking
from adapters.cli.errors import reported, texts
from adapters.cli.output import emit_json, stdout
from adapters.figure_asking import TABLES, figure
from adapters.figure_sheets import as_csv, as_xlsx, sheet
from workflow.calendar import AMSTERDAM
from workflow.figures.dimensions import Dimension
from workflow.figures.periods import PeriodKind

figures_app = typer.Typer(help="Figures for the municipalities: counts, ages, lead times.")

ByOption = Annotated[
    Dimension, typer.Option("--by", help="Count by this dimension.", case_sensitive=False)
]
AcrossOption = Annotated[
    Dimension | None,
    typer.Option("--across", help="Cross with this dimension over the span, not by period."),
]
PeriodOption = Annotated[PeriodKind, typer.Option("--period", help="Month, quarter or year.")]
YearOption = Annotated[
    int | None, typer.Option("--year", help="The (last) year; default: this one.")
]
FromOption = Annotated[
    int | None, typer.Option("--from-year", help="The first year (default: --year).")
]
UnsuppressedOption = Annotated[
    bool, typer.Option("--unsuppressed", help="Without small-cell suppression (team lead).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output (codes).")]
CsvOption = Annotated[Path | None, typer.Option("--csv", help="Also write the table as CSV.")]
XlsxOption = Annotated[Path | None, typer.Option("--xlsx", help="Also write it as XLSX.")]


def _show(
    table: str,
    by: Dimension,
    period: PeriodKind,
    year: int | None,
    from_year: int | None,
    unsuppressed: bool,
    as_json: bool,
    csv_file: Path | None,
    xlsx_file: Path | None,
    actor: str | None,
    purpose: str | None,
    across: Dimension | None = None,
) -> None:
    with reported(as_json):
        last = year if year is not None else datetime.now(AMSTERDAM).year
        first = from_year if from_year is not None else last
        gate = asking.gate(actor, purpose or "figures")
        fields = ("--from-year", "--year")
        years = (first, last)
        found = figure(gate, table, by, period, years, unsuppressed, fields, across, "--across")
    t = texts()
    said = sheet(t, found)
    if csv_file is not None:
        csv_file.write_text(as_csv(said), encoding="utf-8")
    if xlsx_file is not None:
        xlsx_file.write_bytes(as_xlsx(said))
    if as_json:
        emit_json(found)
        return
    shown = Table(title=said.title, caption=said.note)
    for column in said.header:
        shown.add_column(column)
    for row in said.rows:
        shown.add_row(*("" if v is None else str(v) for v in row))
    stdout.print(shown)
    for path in (csv_file, xlsx_file):
        if path is not None:
            typer.echo(t("figures.file_written", path=path), err=True)


def _command(table: str, counts: bool) -> None:
    def run(
        by: ByOption = Dimension.MUNICIPALITY,
        across: AcrossOption = None,
        period: PeriodOption = PeriodKind.QUARTER,
        year: YearOption = None,
        from_year: FromOption = None,
        unsuppressed: UnsuppressedOption = False,
        as_json: JsonOption = False,
        csv_file: CsvOption = None,
        xlsx_file: XlsxOption = None,
        actor: asking.ActorOption = None,
        purpose: asking.PurposeOption = None,
    ) -> None:
        _show(
            table,
            by,
            period,
            year,
            from_year,
            unsuppressed,
            as_json,
            csv_file,
            xlsx_file,
            actor,
            purpose,
            across,
        )

    helps = {
        "reports": "Reports per period by a dimension (municipality x quarter by default).",
        "cases": "Reports that came into case direction, per period by a dimension.",
        "ages": "Reports with a known age, the youngest and the oldest, per period.",
        "lead-times": "Lead times per phase in working days, and the time norms met.",
        "enschede-share": "Reports from Enschede against the other 13 municipalities.",
        "advice": "Advice questions asked, per municipality and period.",
        "activities": "Prevention activities and trainings held, per municipality and period.",
    }
    run.__doc__ = helps[table] + ("" if counts else " (--by and --across do not apply.)")
    figures_app.command(table)(run)


for _table in TABLES:
    _command(_table, _table in ("reports", "cases"))
