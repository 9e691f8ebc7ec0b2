"""`meldpunt figures ...` on both databases: a Dutch table, JSON, CSV and XLSX files, the
analyst refused unsuppressed figures, bad years named, and each request in the access log."""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from typer.testing import CliRunner

from adapters.bootstrap import App
from adapters.cli import context
from adapters.cli.main import app as cli
from adapters.db.tables import access_log
from tests.integration.figure_reports import report
from workflow.access import Role


@pytest.fixture
def figures_app(app: App, monkeypatch: pytest.MonkeyPatch) -> App:
    monkeypatch.setattr(context, "app", lambda long_running=False, as_json=False: app)
    monkeypatch.setenv("MELDPUNT_LANGUAGE", "nl")
    app.users.add("ans", Role.ANALYST)
    for _ in range(6):
        report(app, "2018-02-01T10:00:00+01:00", "Almelo")
    report(app, "2018-02-01T10:00:00+01:00", "Hengelo")
    return app


def run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, ["figures", *args])
    return done.exit_code, done.stdout, done.stderr


def test_a_table_in_dutch_and_files_beside_it(figures_app: App, tmp_path: Path) -> None:
    csv_file, xlsx_file = tmp_path / "f.csv", tmp_path / "f.xlsx"
    code, out, _ = run(
        "reports",
        "--year",
        "2018",
        "--actor",
        "ans",
        "--csv",
        str(csv_file),
        "--xlsx",
        str(xlsx_file),
    )
    assert code == 0
    assert "Meldingen per gemeente" in out and "Totaal" in out and "buiten Twente" in out
    text = csv_file.read_text("utf-8")
    # Hengelo's 1 is hidden, and Almelo's 6 with it: the Q1 total (7) would give it away.
    assert "Almelo,x,0,0,0,x" in text and "Hengelo,x,0,0,0,x" in text
    assert "Totaal,7,0,0,0,7" in text
    sheet = load_workbook(xlsx_file).active
    assert sheet is not None and sheet["A2"].value == "gemeente"


def test_json_keeps_the_codes(figures_app: App) -> None:
    code, out, _ = run("reports", "--by", "sex", "--year", "2018", "--actor", "ans", "--json")
    assert code == 0
    found = json.loads(out)
    assert [r["category"] for r in found["rows"]] == ["female", "male", "other", "unknown"]
    assert found["total"] == 7 and found["suppressed"] is True


def test_refusals_and_bad_input_are_said_and_logged(figures_app: App) -> None:
    code, _, err = run("reports", "--year", "2018", "--actor", "ans", "--unsuppressed")
    assert code == 7 and "cijfers zonder onderdrukking" in err
    code, _, err = run("ages", "--year", "2018", "--from-year", "2019", "--actor", "ans")
    assert code == 2 and "--from-year" in err
    with figures_app.engine.connect() as conn:
        outcomes = (
            conn.execute(select(access_log.c.outcome).where(access_log.c.resource == "figures"))
            .scalars()
            .all()
        )
    assert outcomes == ["refused", "bad_input"]


def test_a_cross_table_from_the_command_line(figures_app: App) -> None:
    code, out, _ = run(
        "reports", "--by", "municipality", "--across", "sex", "--year", "2018", "--actor", "ans"
    )
    assert code == 0 and "vrouw" in out.lower()
    code, _, err = run("reports", "--by", "sex", "--across", "sex", "--actor", "ans")
    assert code == 2 and "--across" in err


def test_a_year_out_of_range_is_named(figures_app: App) -> None:
    code, _, err = run("reports", "--year", "1899", "--actor", "ans")
    assert code == 2 and "--year" in err and "2000" in err
