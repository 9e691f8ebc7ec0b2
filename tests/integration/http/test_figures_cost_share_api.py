"""GET /api/v1/figures/cost-share and /figures/prevalence: the same figures as the command
line, for analysts and team leads, each answer in the access log; bad input a 400 naming the
query key."""

from sqlalchemy import select

from adapters.db.tables import access_log
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role


def logged(api: Api, resource: str) -> list[tuple[str, str, str]]:
    c = access_log.c
    query = select(c.actor, c.action, c.outcome).where(c.resource == resource).order_by(c.id)
    with api.app.engine.connect() as conn:
        return [(row.actor, row.action, row.outcome) for row in conn.execute(query)]


def test_the_seeds_2019_column_and_an_allocation_that_adds_up(api: Api) -> None:
    url = f"{BASE}/figures/cost-share?budget=97500.00&year=2019"
    seed = api.client.get(url + "&method=rounded_shares", headers=api.auth(Role.ANALYST))
    assert seed.status_code == 200, seed.text
    shares = {s["municipality"]: s["share"] for s in seed.json()["shares"]}
    assert shares["Almelo"] == "11278.73" and shares["Enschede"] == "24576.72"
    assert shares["Hellendoorn"] == "5558.85"
    assert seed.json()["difference_cents"] == 1
    exact = api.client.get(url, headers=api.auth(Role.TEAM_LEAD)).json()
    assert exact["total"] == "97500.00" and exact["difference_cents"] == 0
    assert exact["method"] == "largest_remainder"
    assert {s["reference_date"] for s in exact["shares"]} == {"2018-01-01"}
    assert len(exact["shares"]) == 14
    assert logged(api, "cost_share") == [("analyst", "export", "ok"), ("team_lead", "export", "ok")]


def test_a_bad_budget_year_or_method_is_a_400_naming_it(api: Api) -> None:
    cases = [
        ("budget=97500,00", "budget"),
        ("budget=-1", "budget"),
        ("budget=1.001", "budget"),
        ("budget=100&year=2018", "year"),  # no population figures dated 1 January 2017
        ("budget=100&year=1999", "year"),
        ("budget=100&method=fair", "method"),
        ("", "budget"),
    ]
    for query, name in cases:
        answer = api.client.get(
            f"{BASE}/figures/cost-share?{query}", headers=api.auth(Role.ANALYST)
        )
        assert answer.status_code == 400, (query, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert [p["name"] for p in answer.json()["invalid_params"]] == [name], query


def test_the_prevalence_beside_the_reports_of_the_year(api: Api) -> None:
    api.register()  # received 2 November 2026 (the example report)
    answer = api.client.get(f"{BASE}/figures/prevalence?year=2026", headers=api.auth(Role.ANALYST))
    assert answer.status_code == 200, answer.text
    figures = answer.json()
    regional = [f["regional"] for f in figures["forms"]]
    assert regional == [107, 22, 49, 52] and figures["total"] == 230
    assert figures["forms"][0]["regional_minors"] == 50
    assert (figures["year"], figures["received"], figures["not_seen_percent"]) == (2026, 1, 100)
    other = api.client.get(f"{BASE}/figures/prevalence?year=2025", headers=api.auth(Role.ANALYST))
    assert other.json()["received"] == 0
    assert logged(api, "prevalence") == [("analyst", "export", "ok")] * 2


def test_a_prevalence_year_to_come_is_a_400_naming_it(api: Api) -> None:
    answer = api.client.get(f"{BASE}/figures/prevalence?year=2100", headers=api.auth(Role.ANALYST))
    assert answer.status_code == 400
    assert [p["name"] for p in answer.json()["invalid_params"]] == ["year"]
    assert logged(api, "prevalence") == [("analyst", "export", "bad_input")]


def test_the_prevalence_is_refused_to_a_case_worker_and_logged(api: Api) -> None:
    answer = api.client.get(f"{BASE}/figures/prevalence", headers=api.auth(Role.INTAKE))
    assert answer.status_code == 403
    assert logged(api, "prevalence") == [("intake", "export", "refused")]
