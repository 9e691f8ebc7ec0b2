"""The prevalence beside the reports the Meldpunt received in a calendar year, counted by the
database (SQLite and PostgreSQL), from the library and from `meldpunt figures prevalence`; and
the cost share from `meldpunt figures cost-share`."""

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from adapters.bootstrap import App
from adapters.cli import context
from adapters.cli.main import app as cli
from adapters.db.received_counts import Received, received_in
from adapters.db.tables import access_log
from adapters.prevalence_figures import prevalence
from tests.conftest import ManualClock, report_data
from tests.integration.helpers import register
from workflow.access import Role
from workflow.errors import InvalidInput

ADULT_BORN = "1990-05-01"
MINOR_BORN = "2008-05-01"


def received(app: App, moment: str, born: str) -> None:
    body = {**report_data(date_of_birth=born), "received_at": moment}
    register(app, body)


@pytest.fixture
def reports(app: App) -> App:
    """2019: three reports, one about a minor, one on New Year's Eve 23:30 in Amsterdam (22:30
    UTC) and none of 2020's first hour; 2020: two, one of them at 00:30 on 1 January."""
    received(app, "2019-01-01T00:15:00+01:00", ADULT_BORN)
    received(app, "2019-06-10T10:00:00+02:00", MINOR_BORN)
    received(app, "2019-12-31T23:30:00+01:00", ADULT_BORN)
    received(app, "2020-01-01T00:30:00+01:00", MINOR_BORN)
    received(app, "2020-03-03T09:00:00+01:00", ADULT_BORN)
    received(app, "2018-12-31T23:59:00+01:00", ADULT_BORN)
    return app


def test_reports_are_counted_by_the_year_in_amsterdam(reports: App) -> None:
    assert received_in(reports.engine, 2019) == Received(2019, 3, 1)
    counted = {year: received_in(reports.engine, year) for year in (2018, 2019, 2020, 2021)}
    assert [(c.reports, c.minors) for c in counted.values()] == [(1, 0), (3, 1), (2, 1), (0, 0)]


def test_the_estimate_beside_the_reports_of_the_year(reports: App) -> None:
    figures = prevalence(reports, 2019)
    assert figures["total"] == 230 and figures["total_minors"] == 50
    assert figures["received"] == 3 and figures["received_minors"] == 1
    assert figures["not_seen_percent"] == 99  # 1 - 3/230 = 98.7 %
    assert figures["not_seen_minors_percent"] == 98  # 1 - 1/50
    assert figures["region"] == "Twente"
    assert figures["population_on"] == ["2018-01-01"]
    assert figures["region_inhabitants"] == 627_848


def test_the_default_year_is_the_last_complete_one(reports: App) -> None:
    in_2021 = replace(reports, clock=ManualClock(datetime(2021, 1, 1, 0, 30, tzinfo=UTC)))
    assert prevalence(in_2021, None)["year"] == 2020
    assert prevalence(in_2021, None)["received"] == 2


def logged(app: App) -> list[tuple[str, ...]]:
    c = access_log.c
    query = select(c.actor, c.role, c.action, c.resource, c.outcome).order_by(c.id)
    with app.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def test_a_year_still_to_come_is_refused_naming_the_year(reports: App) -> None:
    in_2021 = replace(reports, clock=ManualClock(datetime(2021, 6, 1, tzinfo=UTC)))
    assert prevalence(in_2021, 2021)["received"] == 0  # the current year: so far
    with pytest.raises(InvalidInput) as refused:
        prevalence(in_2021, 2022, "--year")
    assert [field for field, _ in refused.value.problems] == ["--year"]


def cli_run(app: App, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(context, "app", lambda long_running=False, as_json=False: app)
    done = CliRunner().invoke(cli, ["figures", *args])
    return done.exit_code, done.stdout, done.stderr


def test_the_cli_gives_the_prevalence_to_an_analyst_and_logs_it(
    reports: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports.users.add("ada", Role.ANALYST)
    code, out, err = cli_run(
        reports, monkeypatch, "prevalence", "--year", "2019", "--actor", "ada", "--json"
    )
    assert code == 0, err
    figures = json.loads(out)
    assert (figures["total"], figures["received"], figures["not_seen_percent"]) == (230, 3, 99)
    assert logged(reports) == [("ada", "analyst", "export", "prevalence", "ok")]


def test_the_cli_refuses_the_prevalence_to_an_intake_worker(
    reports: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports.users.add("ivo", Role.INTAKE)
    code, out, _ = cli_run(reports, monkeypatch, "prevalence", "--actor", "ivo", "--json")
    assert code == 7 and out == ""
    assert logged(reports) == [("ivo", "intake", "export", "prevalence", "refused")]


def test_the_cli_prints_each_share_with_its_reference_date(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = cli_run(
        app, monkeypatch, "cost-share", "--budget", "97500.00", "--year", "2019"
    )
    assert code == 0, err
    # As a person reads them in Dutch: the day first, a decimal comma.
    assert "Almelo" in out and "01-01-2018" in out and "11.278,73" in out
    assert "Totaal" in out and "97.500,00" in out  # the largest remainder adds up


def test_the_cli_names_the_budget_it_refuses(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = cli_run(app, monkeypatch, "cost-share", "--budget", "97500,00", "--json")
    assert code == 2 and out == ""
    said = json.loads(err)
    assert said["error"] == "bad_input"
    assert [p["field"] for p in said["problems"]] == ["--budget"]
