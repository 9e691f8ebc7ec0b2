"""A figure in words: Dutch by default, English with MELDPUNT_LANGUAGE=en, a suppressed count
as "x", codes as their words, and the CSV and XLSX of the same table."""

import io

from openpyxl import load_workbook

from adapters.figure_sheets import as_csv, as_xlsx, sheet
from config.texts import Texts

FIGURE = {
    "table": "reports",
    "dimension": "minor",
    "columns": ["2018-Q1", "2018-Q2"],
    "rows": [
        {"category": "minor", "counts": {"2018-Q1": 7, "2018-Q2": None}, "total": None},
        {"category": "adult", "counts": {"2018-Q1": 5, "2018-Q2": None}, "total": None},
        {"category": "unknown", "counts": {"2018-Q1": 0, "2018-Q2": 0}, "total": 0},
    ],
    "column_totals": {"2018-Q1": 12, "2018-Q2": 6},
    "total": 18,
    "threshold": 5,
    "suppressed": True,
    "across": None,
}


def test_dutch_words_and_x_for_a_suppressed_count() -> None:
    said = sheet(Texts("nl"), FIGURE)
    assert said.title == "Meldingen per minderjarig of meerderjarig"
    assert said.header == ["minderjarig of meerderjarig", "2018-Q1", "2018-Q2", "Totaal"]
    assert said.rows[0] == ["minderjarig", 7, "x", "x"]
    assert said.rows[-1] == ["Totaal", 12, 6, 18]
    assert "5" in said.note


def test_english_and_the_files() -> None:
    said = sheet(Texts("en"), FIGURE)
    assert said.rows[1][0] == "adult" and said.rows[2][0] == "unknown"
    lines = as_csv(said).split("\r\n")
    assert lines[0] == "minor or adult,2018-Q1,2018-Q2,Total"
    assert lines[1] == "minor,7,x,x"
    book = load_workbook(io.BytesIO(as_xlsx(said))).active
    assert book is not None
    assert [c.value for c in book[3]] == ["minor", 7, "x", "x"]


def test_a_cross_table_says_both_dimensions_in_words() -> None:
    crossed = {
        **FIGURE,
        "dimension": "sex",
        "across": "minor",
        "columns": ["minor", "adult"],
        "rows": [{"category": "female", "counts": {"minor": 9, "adult": 6}, "total": 15}],
        "column_totals": {"minor": 9, "adult": 6},
        "total": 15,
    }
    said = sheet(Texts("nl"), crossed)
    assert said.header == ["geslacht", "minderjarig", "meerderjarig", "Totaal"]
    assert said.rows[0] == ["vrouw", 9, 6, 15]
