"""Break-the-glass that ends and is reviewed (issue 14, section 3): a reason of real words, a
grant per (person, case) for MELDPUNT_BREAK_GLASS_HOURS, every read under it flagged, the team
lead told at once, assignment refused, and a review state by CLI, API and web."""

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from adapters.db.break_glass_grants import BreakGlassGrants
from adapters.db.tables import access_log, break_glass_grants, notifications
from adapters.gate import break_glass_reason
from tests.e2e.cli import Cli
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role
from workflow.errors import InvalidInput

REASON = "acute call from the police, director unreachable"


def rows(api: Api, table: Any = access_log) -> list[dict[str, Any]]:
    with api.app.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(table.c.id)).mappings()]


@pytest.mark.parametrize(
    "said",
    ["..........", "help help help help", "a b c d e f g", "urgent!!!!!!", "12345 67890 555"],
)
def test_a_reason_without_three_real_words_is_refused(said: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        break_glass_reason(said, "--break-glass")
    assert raised.value.problems[0][0] == "--break-glass"


def test_a_reason_of_real_words_passes() -> None:
    assert break_glass_reason("  politie belt, regisseur ziek  ", "f") == (
        "politie belt, regisseur ziek"
    )
    assert break_glass_reason("", "f") is None


def test_the_api_names_the_header_of_a_reason_of_dots(api: Api) -> None:
    other = api.directed_case("someone_else")
    for said in ("..........", "help help help help"):
        headers = api.auth(Role.CASE_DIRECTOR, **{"X-Break-Glass-Reason": said})
        answer = api.client.get(f"{BASE}/cases/{other}", headers=headers)
        assert answer.status_code == 400, answer.text
        assert answer.json()["invalid_params"][0]["name"].lower() == "x-break-glass-reason"
    assert rows(api, break_glass_grants) == []


def test_a_grant_lasts_its_hours_and_flags_every_read(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = api.directed_case("someone_else")
    director = api.auth(Role.CASE_DIRECTOR)
    broken = {**director, "X-Break-Glass-Reason": REASON}
    assert api.client.get(f"{BASE}/cases/{other}", headers=broken).status_code == 200
    # Within the grant: no new reason, and the read is flagged with the grant's reason.
    again = api.client.get(f"{BASE}/cases/{other}", headers=director)
    assert again.status_code == 200, again.text
    last = rows(api)[-1]
    assert (last["case_id"], last["break_glass"], last["reason"]) == (other, True, REASON)
    grants = rows_of_grants(api)
    assert [(g["actor"], g["case_id"], g["review_state"]) for g in grants] == [
        ("case_director", other, "open")
    ]
    assert grants[0]["expires_at"] - grants[0]["granted_at"] == timedelta(hours=24)
    # The team lead is told once, at the grant, without the reason (no personal data).
    told = [n for n in rows(api, notifications) if n["kind"] == "break_glass_granted"]
    assert [(n["recipient"], n["case_id"]) for n in told] == [("role:team_lead", other)]
    assert json.loads(told[0]["details"])["actor"] == "case_director"
    said = api.client.get(f"{BASE}/notifications", headers=api.auth(Role.TEAM_LEAD)).json()
    assert any("case_director" in item["message"] for item in said["items"])
    # After the grant: a new reason is needed.
    later = api.app.clock() + timedelta(hours=25)
    monkeypatch.setattr(api.app, "clock", lambda: later)
    refused = api.client.get(f"{BASE}/cases/{other}", headers=director)
    assert refused.status_code == 403
    assert rows(api)[-1]["outcome"] == "refused"
    assert api.client.get(f"{BASE}/cases/{other}", headers=broken).status_code == 200
    assert len(rows_of_grants(api)) == 2


def rows_of_grants(api: Api) -> list[dict[str, Any]]:
    with api.app.engine.connect() as conn:
        query = select(break_glass_grants).order_by(break_glass_grants.c.granted_at)
        return [dict(r) for r in conn.execute(query).mappings()]


def test_assignment_is_refused_under_break_the_glass(api: Api) -> None:
    other = api.directed_case("someone_else")
    broken = api.auth(Role.CASE_DIRECTOR, **{"X-Break-Glass-Reason": REASON})
    assert api.client.get(f"{BASE}/cases/{other}", headers=broken).status_code == 200
    for director in ("case_director", "someone_else"):
        answer = api.client.post(
            f"{BASE}/cases/{other}/assignment",
            json={"case_director": director, "reason": "taking it over"},
            headers=broken,
        )
        assert answer.status_code == 403, answer.text
        assert "noodtoegang" in answer.json()["detail"]
    case = api.client.get(f"{BASE}/cases/{other}", headers=api.auth(Role.TEAM_LEAD)).json()
    assert case["case_director"] == "someone_else"
    refused = [r for r in rows(api) if r["case_id"] == other and r["outcome"] == "refused"]
    assert len(refused) == 2


def test_the_team_lead_reviews_grants_by_api(api: Api) -> None:
    other = api.directed_case("someone_else")
    broken = api.auth(Role.CASE_DIRECTOR, **{"X-Break-Glass-Reason": REASON})
    api.client.get(f"{BASE}/cases/{other}", headers=broken)
    lead = api.auth(Role.TEAM_LEAD)
    listed = api.client.get(f"{BASE}/break-glass/grants?openOnly=true", headers=lead).json()
    assert [(g["actor"], g["review_state"]) for g in listed["items"]] == [("case_director", "open")]
    grant = listed["items"][0]["id"]
    url = f"{BASE}/break-glass/grants/{grant}/review"
    assert api.client.get(f"{BASE}/break-glass/grants", headers=broken).status_code == 403
    mine = api.client.post(url, json={"verdict": "justified", "reason": REASON}, headers=broken)
    assert mine.status_code == 403
    dots = api.client.post(url, json={"verdict": "justified", "reason": "....."}, headers=lead)
    assert dots.status_code == 400
    assert dots.json()["invalid_params"][0]["name"] == "reason"
    done = api.client.post(
        url, json={"verdict": "not_justified", "reason": "no call from the police"}, headers=lead
    )
    assert done.status_code == 200, done.text
    judged = done.json()
    assert (judged["review_state"], judged["reviewed_by"]) == ("not_justified", "team_lead")
    assert judged["reviewed_at"] is not None
    again = api.client.post(url, json={"verdict": "justified", "reason": REASON}, headers=lead)
    assert again.status_code == 400
    left = api.client.get(f"{BASE}/break-glass/grants?openOnly=true", headers=lead).json()
    assert left["total"] == 0
    logged = [r for r in rows(api) if r["resource"] == "break_glass_grant"]
    assert {r["outcome"] for r in logged} >= {"ok", "refused", "bad_input"}


def test_the_team_lead_reviews_grants_on_the_command_line(cli: Cli) -> None:
    refused = cli.run("case", "assign", "x", "y", "--break-glass", "..........", expect=2)
    assert "--break-glass" in refused.stderr
    engine = create_engine(f"sqlite:///{cli.database}")
    from datetime import UTC, datetime

    grants = BreakGlassGrants(engine, lambda: datetime.now(UTC), 24)
    grant = grants.grant("anna", "case_director", "case-1", REASON)["id"]
    engine.dispose()
    listed = cli.json("breakglass", "list", "--open")
    assert [(g["id"], g["review_state"]) for g in listed] == [(grant, "open")]
    cli.run("breakglass", "review", grant, "--justified", "--reason", "...", expect=2)
    cli.run("breakglass", "review", grant, "--reason", "police asked for it", expect=2)
    done = cli.json("breakglass", "review", grant, "--justified", "--reason", "police asked it")
    assert (done["review_state"], done["reviewed_by"]) == ("justified", "teun")
    assert cli.json("breakglass", "list", "--open") == []
    assert len(cli.json("breakglass", "list")) == 1
