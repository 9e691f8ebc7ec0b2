"""What a Cijfers page shows of one figure: the table as people read it (the same Sheet as the
CSV and XLSX, adapters/figure_sheets.py) and the points of the chart beside it. The figure
itself comes from the same functions as the CLI and the API (adapters/figure_asking.py,
workflow/cost_share_table.py, adapters/prevalence_figures.py); nothing is counted here."""

from typing import Any

from adapters.figure_sheets import Sheet, Value, sheet
from config.texts import Texts

Points = list[tuple[str, int | float | None]]
COUNTS = ("reports", "cases", "advice", "activities")
# The figure tables of the API, then the two figures that need no period.
TABLES = (*COUNTS, "ages", "lead-times", "enschede-share", "cost-share", "prevalence")


def figure_sheet(t: Texts, table: str, found: dict[str, Any]) -> Sheet:
    if table == "cost-share":
        return _cost_share_sheet(t, found)
    if table == "prevalence":
        return _prevalence_sheet(t, found)
    return sheet(t, found)


def chart_points(t: Texts, table: str, found: dict[str, Any], said: Sheet) -> Points:
    """The values the chart draws: per category its total over the span (counts), per period
    the known ages or Enschede's percentage, per phase the median lead time, per municipality
    its share in euro, per form the regional estimate."""
    if table in COUNTS:
        labels = [str(row[0]) for row in said.rows[:-1]]
        return list(zip(labels, [r["total"] for r in found["rows"]], strict=True))
    if table == "ages":
        return [(r["period"], r["known"]) for r in found["rows"]]
    if table == "lead-times":
        rows = zip(said.rows, found["rows"], strict=True)
        return [(f"{row[0]} {row[1]}", r["median"]) for row, r in rows]
    if table == "enschede-share":
        shares = found["enschede_percent"]
        return [(t("figures.total") if k == "total" else k, v) for k, v in shares.items()]
    if table == "cost-share":
        return [(s["municipality"], s["share_cents"] / 100) for s in found["shares"]]
    points: Points = [(t(f"prevalence.form.{f['form']}"), f["regional"]) for f in found["forms"]]
    return [*points, (t("web_figures.received", year=found["year"]), found["received"])]


def _cost_share_sheet(t: Texts, found: dict[str, Any]) -> Sheet:
    method = t(f"cost_share.method.{found['method']}")
    title = (
        t("cost_share.title", budget=found["budget"], method=method)
        if found["year"] is None
        else t("cost_share.title_year", year=found["year"], budget=found["budget"], method=method)
    )
    header = [t("figures.dimension.municipality"), t("field.inhabitants")]
    header += [t("field.reference_date"), t("field.share")]
    rows: list[list[Value]] = [
        [s["municipality"], s["inhabitants"], str(s["reference_date"]), s["share"]]
        for s in found["shares"]
    ]
    rows.append([t("cost_share.total"), found["inhabitants"], "", found["total"]])
    difference = f"{found['difference_cents'] / 100:.2f}"
    note = t("cost_share.summary", total=found["total"], difference=difference)
    return Sheet(title, header, rows, note)


def _prevalence_sheet(t: Texts, found: dict[str, Any]) -> Sheet:
    title = t(
        "prevalence.title",
        region=found["region"],
        inhabitants=found["region_inhabitants"],
        on=", ".join(str(on) for on in found["population_on"]),
        year=found["year"],
    )
    columns = ("national", "regional", "national_minors", "regional_minors")
    header = [t("web_figures.column.form"), *(t(f"field.{c}") for c in columns)]
    rows: list[list[Value]] = [
        [t(f"prevalence.form.{f['form']}"), *(f[c] for c in columns)] for f in found["forms"]
    ]
    rows.append([t("figures.total"), "", found["total"], "", found["total_minors"]])
    received = t("web_figures.received", year=found["year"])
    rows.append([received, "", found["received"], "", found["received_minors"]])
    note = t("prevalence.source", published=found["published"])
    return Sheet(title, header, rows, note)
