"""`GET /api/v1/figures/{table}` on both databases: JSON, CSV and XLSX by `format` or Accept,
Dutch words in the files, suppression for analysts, unsuppressed for the team lead only, bad
input named, and every request in the access log."""

import io
from datetime import datetime

from openpyxl import load_workbook
from sqlalchemy import select

from adapters.db.tables import access_log
from tests.integration.figure_reports import report
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role
from workflow.calendar import AMSTERDAM

YEAR = datetime.now(AMSTERDAM).year
URL = f"{BASE}/figures"


def _reports(api: Api) -> None:
    received = f"{YEAR}-01-05T10:00:00+01:00"
    for _ in range(6):
        report(api.app, received, "Almelo")
    report(api.app, received, "Hengelo")


def _logged(api: Api) -> list[tuple[str, str, str, str]]:
    with api.app.engine.connect() as conn:
        rows = conn.execute(
            select(
                access_log.c.actor, access_log.c.action, access_log.c.outcome, access_log.c.fields
            )
            .where(access_log.c.resource == "figures")
            .order_by(access_log.c.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_an_analyst_gets_suppressed_json_and_it_is_logged(api: Api) -> None:
    _reports(api)
    answer = api.client.get(f"{URL}/reports", headers=api.auth(Role.ANALYST))
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["suppressed"] is True and found["total"] == 7
    hengelo = next(r for r in found["rows"] if r["category"] == "Hengelo")
    assert hengelo["counts"][f"{YEAR}-Q1"] is None
    assert len(found["rows"]) == 15
    _actor, action, outcome, fields = _logged(api)[-1]
    assert (action, outcome) == ("export", "ok")
    assert "reports" in fields and "municipality" in fields


def test_csv_and_xlsx_by_format_or_accept_in_dutch(api: Api) -> None:
    _reports(api)
    analyst = api.auth(Role.ANALYST)
    by_accept = api.client.get(f"{URL}/reports", headers={**analyst, "Accept": "text/csv"})
    assert by_accept.status_code == 200, by_accept.text
    assert by_accept.headers["content-type"].startswith("text/csv")
    lines = by_accept.text.splitlines()
    assert lines[0].startswith("gemeente,") and lines[0].endswith(",Totaal")
    assert "Hengelo,x," in by_accept.text
    assert lines[-1].startswith("Totaal,7,")
    xlsx = api.client.get(f"{URL}/reports?format=xlsx", headers=analyst)
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet["A1"].value == "Meldingen per gemeente"
    assert sheet["A2"].value == "gemeente"
    refused = api.client.get(f"{URL}/reports", headers={**analyst, "Accept": "image/png"})
    assert refused.status_code == 406


def test_unsuppressed_is_for_the_team_lead_only(api: Api) -> None:
    _reports(api)
    analyst = api.client.get(f"{URL}/reports?unsuppressed=true", headers=api.auth(Role.ANALYST))
    assert analyst.status_code == 403
    lead = api.client.get(f"{URL}/reports?unsuppressed=true", headers=api.auth(Role.TEAM_LEAD))
    assert lead.status_code == 200
    hengelo = next(r for r in lead.json()["rows"] if r["category"] == "Hengelo")
    assert hengelo["counts"][f"{YEAR}-Q1"] == 1
    outcomes = [(action, outcome) for _, action, outcome, _ in _logged(api)]
    assert ("export", "refused") in outcomes and ("export", "ok") in outcomes
    intake = api.client.get(f"{URL}/ages", headers=api.auth(Role.INTAKE))
    assert intake.status_code == 403


def test_bad_input_names_the_field(api: Api) -> None:
    analyst = api.auth(Role.ANALYST)
    reversed_years = api.client.get(f"{URL}/reports?year=2018&fromYear=2019", headers=analyst)
    assert reversed_years.status_code in (400, 422)
    assert "fromYear" in reversed_years.text
    assert ("export", "bad_input") in [(a, o) for _, a, o, _ in _logged(api)]
    for query in ("by=shoe_size", "period=week", "year=1899", "format=pdf"):
        answer = api.client.get(f"{URL}/reports?{query}", headers=analyst)
        assert answer.status_code in (400, 422), query
        assert answer.headers["content-type"].startswith("application/problem+json")
    assert api.client.get(f"{URL}/everything", headers=analyst).status_code in (400, 404, 422)


def test_every_table_answers(api: Api) -> None:
    _reports(api)
    for table in ("cases", "ages", "lead-times", "enschede-share"):
        answer = api.client.get(f"{URL}/{table}?period=year", headers=api.auth(Role.TEAM_LEAD))
        assert answer.status_code == 200, (table, answer.text)
        csv = api.client.get(
            f"{URL}/{table}?period=year&format=csv", headers=api.auth(Role.TEAM_LEAD)
        )
        assert csv.status_code == 200, (table, csv.text)
