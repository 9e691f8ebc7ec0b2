"""`meldpunt figures cost-share` and `meldpunt figures prevalence`: each municipality's share of
the Meldpunt's cost, and the estimated number of victims in the region beside the reports
(commands of the `figures` sub-app, attached in adapters/cli/main.py)."""

from typing import Annotated, Any

import typer

from adapters.cli import asking, context
from adapters.cli.amounts import said_euro, said_number
from adapters.cli.asking import ActorOption, PurposeOption
from adapters.cli.errors import reported, texts
from adapters.cli.output import emit
from adapters.prevalence_figures import prevalence as prevalence_figures
from workflow.access import Action
from workflow.cost_share import Method, parse_budget
from workflow.cost_share_table import cost_share as cost_share_table

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
YearOption = Annotated[
    int | None, typer.Option("--year", min=2000, max=2100, help="The calendar year.")
]


def cost_share(
    budget: Annotated[
        str, typer.Option("--budget", help="The budget in euro, at most two decimals: 97500.00.")
    ],
    year: YearOption = None,
    method: Annotated[
        Method,
        typer.Option(
            "--method",
            help="largest_remainder adds up to the budget exactly; rounded_shares rounds each "
            "share on its own, as the seed's Tabel 1 (docs/cost_share.md).",
        ),
    ] = Method.LARGEST_REMAINDER,
    as_json: JsonFlag = False,
) -> None:
    """Divide a budget over the municipalities pro rata their inhabitants, in euro cents, each
    with the reference date of its population figure. Reads no person: no --actor."""
    with reported(as_json):
        cents = parse_budget(budget, "--budget")
        municipalities = context.app().reference.municipalities
        table = cost_share_table(municipalities, cents, year, method)
    if as_json:
        emit(table, True)
        return
    t = texts()
    said = t(f"cost_share.method.{method.value}")
    budget_said = said_euro(cents)
    title = (
        t("cost_share.title", budget=budget_said, method=said)
        if year is None
        else t("cost_share.title_year", year=year, budget=budget_said, method=said)
    )
    rows = [
        {
            **row,
            "inhabitants": said_number(row["inhabitants"]),
            "reference_date": t.day(row["reference_date"]),
            "share": said_euro(row["share_cents"]),
        }
        for row in table["shares"]
    ]
    total = {
        "municipality": t("cost_share.total"),
        "inhabitants": said_number(table["inhabitants"]),
        "reference_date": ", ".join(t.day(on) for on in table["population_on"]),
        "share": said_euro(table["total_cents"]),
    }
    rows.append(total)
    columns = ["municipality", "inhabitants", "reference_date", "share"]
    emit(rows, False, columns, title)
    difference = said_euro(table["difference_cents"])
    typer.echo(t("cost_share.summary", total=total["share"], difference=difference))


def prevalence(
    year: YearOption = None,
    actor: ActorOption = None,
    purpose: PurposeOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The national estimates per form of exploitation scaled to the region's inhabitants,
    beside the reports received in the year (default: the last complete year) and the share
    not seen. Counts cases: analysts and team leads, logged in the access log."""
    with reported(as_json):
        gate = asking.gate(actor, purpose)
        gate.allow(Action.READ_STATISTICS, "prevalence")
        with gate.logged(Action.READ_STATISTICS, "prevalence"):
            figures = prevalence_figures(gate.app, year, "--year")
    if as_json:
        emit(figures, True)
        return
    _show(figures)


def _show(figures: dict[str, Any]) -> None:
    t = texts()
    rows = [
        {
            **f,
            "form": t(f"prevalence.form.{f['form']}"),
            "national": said_number(f["national"]),
            "national_minors": None
            if f["national_minors"] is None
            else said_number(f["national_minors"]),
        }
        for f in figures["forms"]
    ]
    title = t(
        "prevalence.title",
        region=figures["region"],
        inhabitants=said_number(figures["region_inhabitants"]),
        on=", ".join(t.day(on) for on in figures["population_on"]),
        year=figures["year"],
    )
    columns = ["form", "national", "regional", "national_minors", "regional_minors"]
    emit(rows, False, columns, title)
    typer.echo(
        t(
            "prevalence.summary",
            total=figures["total"],
            minors=figures["total_minors"],
            year=figures["year"],
            received=figures["received"],
            received_minors=figures["received_minors"],
            not_seen=figures["not_seen_percent"],
            not_seen_minors=figures["not_seen_minors_percent"],
        )
    )
    typer.echo(t("prevalence.source", published=figures["published"]))
    typer.echo(t("prevalence.note", national=said_number(figures["national_inhabitants"])))
