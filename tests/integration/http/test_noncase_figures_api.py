"""GET /api/v1/figures/advice and /figures/activities: the same tables as the command line,
JSON with suppressed cells for the analyst, CSV as a download, each request in the access log."""

from sqlalchemy import select

from adapters.db.tables import access_log
from tests.integration.http.conftest import BASE, Api
from tests.integration.test_advice_counts import activity, advise
from workflow.access import Role


def test_advice_and_activities_as_json_and_csv(api: Api) -> None:
    for day in ("2026-01-05", "2026-01-06", "2026-02-07", "2026-03-08", "2026-03-09"):
        advise(api.app, day, "Enschede", 15)
    advise(api.app, "2026-02-11", "Wierden", 20)
    activity(api.app, "2026-10-12", "Borne", "training", 40, 2)
    analyst = api.auth(Role.ANALYST)
    found = api.client.get(f"{BASE}/figures/advice?year=2026", headers=analyst)
    assert found.status_code == 200, found.text
    rows = {r["category"]: r for r in found.json()["rows"]}
    assert len(rows) == 14 and rows["Wierden"]["counts"]["2026-Q1"] is None
    assert rows["Enschede"]["counts"]["2026-Q1"] is None
    assert found.json()["column_totals"]["2026-Q1"] == 6
    sheet = api.client.get(f"{BASE}/figures/activities?year=2026&format=csv", headers=analyst)
    assert sheet.status_code == 200 and sheet.headers["content-type"].startswith("text/csv")
    assert 'filename="activities-2026-2026.csv"' in sheet.headers["content-disposition"]
    assert "Borne,0,0,0,x,x" in sheet.text
    whole = api.client.get(
        f"{BASE}/figures/activities?year=2026&unsuppressed=true", headers=api.auth(Role.TEAM_LEAD)
    ).json()
    assert {r["category"]: r for r in whole["rows"]}["Borne"]["counts"]["2026-Q4"] == 1
    c = access_log.c
    query = select(c.actor, c.outcome).where(c.resource == "figures").order_by(c.id)
    with api.app.engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(query)] == [
            ("analyst", "ok"),
            ("analyst", "ok"),
            ("team_lead", "ok"),
        ]
