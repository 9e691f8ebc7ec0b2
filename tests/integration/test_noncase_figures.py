"""`meldpunt figures advice|activities` and `GET /api/v1/figures/advice|activities` on both
databases, against hand-computed expectations: all 14 municipalities in every period, small
cells suppressed for the analyst (and the cells that would give them away), whole for the team
lead, CSV and XLSX like the other tables, each request in the access log."""

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
from tests.integration.test_advice_counts import activity, advise
from workflow.access import Role


@pytest.fixture
def noncase_app(app: App, monkeypatch: pytest.MonkeyPatch) -> App:
    monkeypatch.setattr(context, "app", lambda long_running=False, as_json=False: app)
    monkeypatch.setenv("MELDPUNT_LANGUAGE", "nl")
    app.users.add("ans", Role.ANALYST)
    for day in ("2026-01-05", "2026-01-06", "2026-02-07", "2026-03-08", "2026-03-09", "2026-03-31"):
        advise(app, day, "Enschede", 15)
    advise(app, "2026-02-11", "Hengelo (O.)", 20)  # 1 in Hengelo: hidden
    advise(app, "2025-12-31", "Almelo", 60)  # before the year asked
    for day in ("2026-04-01", "2026-04-02", "2026-05-03", "2026-05-04", "2026-06-05"):
        activity(app, day, "Almelo", "school_lesson", 20, 1.5)
    activity(app, "2026-06-30", "Almelo", "training", 12, 3)
    activity(app, "2026-10-12", "Borne", "information_session", 40, 2)
    activity(app, "2026-10-13", "Borne", "training", 40, 2)
    activity(app, "2026-11-20", "Borne", "training", 40, 2)  # after 1 November: planned
    return app


def run(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(cli, ["figures", *args])
    return done.exit_code, done.stdout


def rows_of(found: dict[str, object]) -> dict[str, dict[str, object]]:
    rows = found["rows"]
    assert isinstance(rows, list)
    return {r["category"]: r for r in rows}


def test_advice_per_municipality_and_quarter(noncase_app: App, tmp_path: Path) -> None:
    code, out = run("advice", "--year", "2026", "--actor", "ans", "--json")
    assert code == 0
    found = json.loads(out)
    rows = rows_of(found)
    assert list(rows) == noncase_app.reference.municipality_names() and len(rows) == 14
    assert found["columns"] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    # Hengelo's 1 is hidden, and Enschede's 6 with it: the Q1 total 7 would give it away.
    assert rows["Hengelo"]["counts"]["2026-Q1"] is None and rows["Hengelo"]["total"] is None
    assert rows["Enschede"]["counts"]["2026-Q1"] is None and rows["Enschede"]["total"] is None
    assert found["column_totals"]["2026-Q1"] == 7 and found["total"] == 7
    assert rows["Almelo"]["counts"] == dict.fromkeys(found["columns"], 0)
    code, out = run("advice", "--year", "2026", "--actor", "teun", "--unsuppressed", "--json")
    whole = rows_of(json.loads(out))
    assert whole["Enschede"]["counts"]["2026-Q1"] == 6 and whole["Hengelo"]["total"] == 1
    csv_file, xlsx_file = tmp_path / "a.csv", tmp_path / "a.xlsx"
    code, out = run(
        "advice", "--year", "2026", "--actor", "ans", "--csv", str(csv_file),
        "--xlsx", str(xlsx_file),
    )  # fmt: skip
    assert code == 0 and "Adviesvragen per gemeente" in out
    text = csv_file.read_text("utf-8")
    assert "Enschede,x,0,0,0,x" in text and "Hengelo,x,0,0,0,x" in text
    assert "Totaal,7,0,0,0,7" in text
    sheet = load_workbook(xlsx_file).active
    assert sheet is not None and sheet["A1"].value == "Adviesvragen per gemeente"


def test_held_activities_per_municipality_and_quarter(noncase_app: App) -> None:
    code, out = run("activities", "--year", "2026", "--actor", "teun", "--unsuppressed", "--json")
    assert code == 0
    whole = rows_of(json.loads(out))
    assert whole["Almelo"]["counts"]["2026-Q2"] == 6
    assert whole["Borne"]["counts"]["2026-Q4"] == 2  # the planned one is not counted
    code, out = run("activities", "--year", "2026", "--actor", "ans", "--json")
    found = json.loads(out)
    rows = rows_of(found)
    assert rows["Almelo"]["counts"]["2026-Q2"] == 6 and rows["Almelo"]["total"] == 6
    assert rows["Borne"]["counts"]["2026-Q4"] is None and rows["Borne"]["total"] is None
    assert found["column_totals"]["2026-Q4"] is None
    # With Borne's 2 hidden in its row and in Q4, the grand total would give it away: 8 - 6.
    assert found["total"] is None
    assert len(rows) == 14


def test_each_request_is_in_the_access_log(noncase_app: App) -> None:
    run("advice", "--year", "2026", "--actor", "ans", "--json")
    run("activities", "--year", "2026", "--actor", "ans", "--unsuppressed", "--json")
    c = access_log.c
    query = select(c.actor, c.outcome, c.fields).where(c.resource == "figures").order_by(c.id)
    with noncase_app.engine.connect() as conn:
        found = [(r.actor, r.outcome, r.fields) for r in conn.execute(query)]
    assert [(actor, outcome) for actor, outcome, _ in found] == [("ans", "ok"), ("ans", "refused")]
    assert found[0][2] == "advice,quarter,2026-2026"
