"""The Cijfers pages through the application on both databases: each figure as a table with
th scope and a caption and an SVG chart with a text alternative beside it, suppressed cells
said as such, CSV and XLSX downloads of the same table, bad input said at its field, and each
figure in the access log as the API logs it."""

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from adapters.bootstrap import App
from adapters.db.tables import access_log
from tests.integration.figure_reports import report
from tests.integration.test_advice_counts import advise
from tests.integration.web.test_pages import signed_in
from workflow.access import Role

TABLES = (
    "reports",
    "cases",
    "advice",
    "activities",
    "ages",
    "lead-times",
    "enschede-share",
    "cost-share",
    "prevalence",
)


@pytest.fixture
def counted(app: App) -> App:
    for _ in range(6):
        report(app, "2018-02-01T10:00:00+01:00", "Almelo")
    report(app, "2018-02-01T10:00:00+01:00", "Hengelo")
    for day in ("2018-01-05", "2018-01-06", "2018-02-07", "2018-03-08", "2018-03-09"):
        advise(app, day, "Enschede", 15)
    advise(app, "2018-02-11", "Wierden", 20)
    return app


def test_every_figure_has_a_table_and_a_chart(counted: App) -> None:
    analyst = signed_in(counted, "ans", Role.ANALYST)
    index = analyst.get("/cijfers")
    assert index.status_code == 200 and "<h1>Cijfers</h1>" in index.text
    for table in TABLES:
        assert f'href="/cijfers/{table}"' in index.text
        year = 2019 if table == "cost-share" else 2018  # population figures of 1 January 2018
        shown = analyst.get(f"/cijfers/{table}?year={year}")
        assert shown.status_code == 200, (table, shown.text)
        text = shown.text
        assert "<caption>" in text and '<th scope="col">' in text and '<th scope="row">' in text
        assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in text and "<desc" in text
        assert "format=csv" in text and "format=xlsx" in text
        assert "<script" not in text and "https://" not in text
        assert shown.headers["cache-control"] == "no-store"


def test_suppressed_cells_are_said_and_the_downloads_hold_the_same_table(counted: App) -> None:
    analyst = signed_in(counted, "ans", Role.ANALYST)
    shown = analyst.get("/cijfers/reports?year=2018&period=quarter&by=municipality").text
    hidden = '<td class="suppressed"><span aria-hidden="true">x</span>'
    assert '<th scope="row">Almelo</th>' in shown and hidden in shown
    assert "Almelo: x, onderdrukt" not in shown  # the chart says the word, not the sign
    assert "Almelo: onderdrukt" in shown and "Hengelo: onderdrukt" in shown
    csv_file = analyst.get("/cijfers/reports/bestand?year=2018&format=csv")
    assert csv_file.status_code == 200 and csv_file.headers["content-type"].startswith("text/csv")
    assert "Almelo,x,0,0,0,x" in csv_file.text and "Totaal,7,0,0,0,7" in csv_file.text
    xlsx = analyst.get("/cijfers/advice/bestand?year=2018&format=xlsx")
    book = load_workbook(io.BytesIO(xlsx.content)).active
    assert book is not None and book["A1"].value == "Adviesvragen per gemeente"
    rows = {r[0]: r for r in book.iter_rows(min_row=3, values_only=True)}
    assert rows["Enschede"][1] == "x" and rows["Wierden"][1] == "x" and rows["Totaal"][1] == 6


def test_bad_input_is_said_at_its_field_and_logged(counted: App) -> None:
    analyst = signed_in(counted, "ans", Role.ANALYST)
    shown = analyst.get("/cijfers/ages?year=twintig&period=week")
    assert shown.status_code == 400
    assert 'id="fout-year"' in shown.text and 'id="fout-period"' in shown.text
    reversed_years = analyst.get("/cijfers/reports?year=2017&from_year=2018")
    assert reversed_years.status_code == 400 and 'id="fout-from_year"' in reversed_years.text
    budget = analyst.get("/cijfers/cost-share?budget=veel")
    assert budget.status_code == 400 and 'id="fout-budget"' in budget.text
    assert analyst.get("/cijfers/geheim").status_code == 404
    c = access_log.c
    query = select(c.resource, c.outcome).where(c.actor == "ans").order_by(c.id)
    with counted.engine.connect() as conn:
        found = [tuple(r) for r in conn.execute(query)]
    assert ("figures", "bad_input") in found and ("cost_share", "bad_input") in found
    assert found.count(("figures", "bad_input")) == 2  # a word for a year; years reversed
    assert analyst.get("/cijfers/geheim/bestand?format=csv").status_code == 404


def test_a_case_worker_is_refused_and_the_refusal_logged(counted: App) -> None:
    intake = signed_in(counted, "iris", Role.INTAKE)
    assert intake.get("/cijfers/reports").status_code == 403
    c = access_log.c
    query = select(c.outcome).where(c.actor == "iris", c.resource == "figures")
    with counted.engine.connect() as conn:
        assert conn.execute(query).scalars().all() == ["refused"]


def test_the_team_lead_may_see_the_figures_unsuppressed_the_analyst_not(counted: App) -> None:
    lead = signed_in(counted, "teun", Role.TEAM_LEAD)
    whole = lead.get("/cijfers/reports?year=2018&unsuppressed=1")
    assert whole.status_code == 200 and 'id="unsuppressed"' in whole.text
    assert 'class="suppressed"' not in whole.text and "Almelo: 6" in whole.text
    analyst = signed_in(counted, "ans", Role.ANALYST)
    assert 'id="unsuppressed"' not in analyst.get("/cijfers/reports?year=2018").text
    assert analyst.get("/cijfers/reports?year=2018&unsuppressed=1").status_code == 403
    c = access_log.c
    query = select(c.actor, c.action, c.outcome).where(c.resource == "figures").order_by(c.id)
    with counted.engine.connect() as conn:
        found = [tuple(r) for r in conn.execute(query)]
    assert [(actor, outcome) for actor, _, outcome in found if actor == "teun"] == [("teun", "ok")]
    assert found[-1][0] == "ans" and found[-1][2] == "refused"
