"""A figure as people read it: a title, a header and rows of words and numbers (Dutch by
default, config/texts/*/figures.json), a suppressed count as "x"; written as CSV or XLSX
(openpyxl) or printed. Codes become words here and only here; JSON keeps the codes."""

import csv
import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from config.texts import Texts
from workflow.figures.dimensions import LABEL_KINDS, NOT_ASSESSED, UNKNOWN, Dimension

Value = str | int | float | None


@dataclass(frozen=True)
class Sheet:
    title: str
    header: list[str]
    rows: list[list[Value]]
    note: str


def category(t: Texts, dimension: str, code: str) -> str:
    kind = LABEL_KINDS[Dimension(dimension)]
    if f"{kind}.{code}" in t.words:
        return t.label(kind, code)
    if code in (UNKNOWN, NOT_ASSESSED):
        return t(f"figures.{code}")
    return code  # a municipality's own name


def _note(t: Texts, figure: dict[str, Any]) -> str:
    if figure["suppressed"]:
        return t("figures.note.suppressed", threshold=figure["threshold"])
    return t("figures.note.unsuppressed")


def _count(t: Texts, value: Value) -> Value:
    return t("figures.suppressed") if value is None else value


def sheet(t: Texts, figure: dict[str, Any]) -> Sheet:
    name = figure["table"]
    if name in ("reports", "cases", "advice", "activities"):
        return _count_sheet(t, figure)
    if name == "ages":
        columns = ["period", "known", "youngest", "oldest"]
    elif name == "lead_times":
        columns = ["phase", "period", "ended", "median", "p90", "met", "missed", "pending"]
        columns.append("met_percent")
    else:
        return _share_sheet(t, figure)
    header = [t(f"figures.column.{c}") for c in columns]
    rows = [[_cell(t, c, row.get(c)) for c in columns] for row in figure["rows"]]
    return Sheet(t(f"figures.table.{name}"), header, rows, _note(t, figure))


def _cell(t: Texts, column: str, value: Value) -> Value:
    if column == "phase":
        key = f"figures.phase.{value}"
        return t(key) if key in t.words else t.label("state", value)
    if column in ("period", "median", "p90", "met_percent"):
        return "" if value is None else value  # none ended, or too few to show
    return _count(t, value)


def _count_sheet(t: Texts, figure: dict[str, Any]) -> Sheet:
    dimension, columns, across = figure["dimension"], figure["columns"], figure.get("across")
    heads = [category(t, across, c) for c in columns] if across else columns
    header = [t(f"figures.dimension.{dimension}"), *heads, t("figures.total")]
    rows: list[list[Value]] = [
        [category(t, dimension, r["category"])]
        + [_count(t, r["counts"][c]) for c in columns]
        + [_count(t, r["total"])]
        for r in figure["rows"]
    ]
    totals = [_count(t, figure["column_totals"][c]) for c in columns]
    rows.append([t("figures.total"), *totals, _count(t, figure["total"])])
    said = t(f"figures.dimension.{dimension}")
    return Sheet(
        t(f"figures.table.{figure['table']}", dimension=said), header, rows, _note(t, figure)
    )


def _share_sheet(t: Texts, figure: dict[str, Any]) -> Sheet:
    keys = list(figure["enschede_percent"])
    header = [t("figures.column.category"), *keys[:-1], t("figures.total")]
    rows: list[list[Value]] = [
        [t(f"figures.category.{r['category']}"), *(_count(t, r["counts"][k]) for k in keys)]
        for r in figure["rows"]
    ]
    shares = figure["enschede_percent"]
    rows.append(
        [
            t("figures.column.enschede_percent"),
            *("" if shares[k] is None else shares[k] for k in keys),
        ]
    )
    return Sheet(t("figures.table.enschede_share"), header, rows, _note(t, figure))


def as_csv(table: Sheet) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows(["" if v is None else v for v in row] for row in table.rows)
    return out.getvalue()


def as_xlsx(table: Sheet) -> bytes:
    book = Workbook()
    page = book.active
    assert page is not None, "a new workbook has a sheet"
    page.title = "cijfers"
    page.append([table.title])
    page.append(table.header)
    for row in table.rows:
        page.append(["" if v is None else v for v in row])
    page.append([])
    page.append([table.note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
