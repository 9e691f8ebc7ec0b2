"""Issue 14, section 2: administrators leave a trail. Adding users and issuing, approving and
revoking tokens state a reason and are in the access log with the administrator and the target
user; the rows say who made them; a token for another's account waits for a second
administrator; names of system principals are refused; the team lead sees the list of tokens."""

import json
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from adapters.admin_trail import stated_reason
from adapters.db.tables import access_log, api_tokens, users
from tests.e2e.cli import Cli
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role
from workflow.errors import InvalidInput

WHY = {"X-Reason": "new colleague starts on monday"}


def trail_rows(api: Api, what: str) -> list[Any]:
    with api.app.engine.connect() as conn:
        rows = conn.execute(select(access_log).order_by(access_log.c.id)).mappings()
        return [row for row in rows if row["fields"] and what in row["fields"]]


def test_adding_a_user_says_who_and_why(api: Api) -> None:
    admin = api.auth(Role.ADMIN, **WHY)
    answer = api.client.post(
        f"{BASE}/users", json={"name": "noor", "roles": ["intake"]}, headers=admin
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["created_by"] == "admin"
    [row] = trail_rows(api, "add_user")
    assert (row["actor"], row["role"], row["action"], row["resource"]) == (
        "admin",
        "admin",
        "write",
        "users",
    )
    assert "target=noor" in row["fields"] and row["reason"] == WHY["X-Reason"]
    assert row["outcome"] == "ok"


@pytest.mark.parametrize("reason", [None, "", "..........", "short"])
def test_no_reason_no_user(api: Api, reason: str | None) -> None:
    headers = api.auth(Role.ADMIN, **({"X-Reason": reason} if reason is not None else {}))
    answer = api.client.post(
        f"{BASE}/users", json={"name": "noor", "roles": ["intake"]}, headers=headers
    )
    assert answer.status_code == 400, answer.text
    assert "X-Reason" in answer.text
    assert "noor" not in [u["name"] for u in api.app.users.list()[0]]


@pytest.mark.parametrize("text", ["a reason\u202ewith an override", "a" * 501, "x\x00 null here"])
def test_a_reason_is_plain_text_of_bounded_length(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        stated_reason(text, "X-Reason")
    assert refused.value.problems[0][0] == "X-Reason"
    assert stated_reason("  a  real   reason  ", "X-Reason") == "a real reason"


@pytest.mark.parametrize(
    "name", ["role:team_lead", "partner:politie", "system", "SYSTEM", "bootstrap", "x:y"]
)
def test_names_of_system_principals_are_refused(api: Api, name: str) -> None:
    answer = api.client.post(
        f"{BASE}/users",
        json={"name": name, "roles": ["intake"]},
        headers=api.auth(Role.ADMIN, **WHY),
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["invalid_params"][0]["name"] == "name"
    assert "gereserveerd" in answer.text  # Dutch by default


def test_a_person_issues_their_own_token(api: Api) -> None:
    me = api.client.get(f"{BASE}/users", headers=api.auth(Role.ADMIN)).json()["items"]
    analyst_id = next(u["user_id"] for u in me if u["name"] == "analyst")
    answer = api.client.post(
        f"{BASE}/users/{analyst_id}/tokens",
        json={"days": 1},
        headers=api.auth(Role.ANALYST, **{"X-Reason": "a token for my laptop"}),
    )
    assert answer.status_code == 201, answer.text
    issued = answer.json()
    assert issued["pending"] is False
    bearer = {"Authorization": f"Bearer {issued['token']}"}
    assert api.client.get(f"{BASE}/me", headers=bearer).status_code == 200
    # Not for someone else's account, being no administrator.
    intake_id = next(u["user_id"] for u in me if u["name"] == "intake")
    refused = api.client.post(
        f"{BASE}/users/{intake_id}/tokens",
        json={"days": 1},
        headers=api.auth(Role.ANALYST, **{"X-Reason": "a token for my colleague"}),
    )
    assert refused.status_code == 403, refused.text
    [row] = [r for r in trail_rows(api, "issue_token") if r["outcome"] == "refused"]
    assert row["actor"] == "analyst" and "target=intake" in row["fields"]


def test_a_token_for_another_needs_a_second_administrator(api: Api) -> None:
    second = api.user("beheer2", Role.ADMIN)
    partner = api.app.users.add("politie-api", Role.PARTNER, "politie")
    answer = api.client.post(
        f"{BASE}/users/{partner['user_id']}/tokens",
        json={"days": 1},
        headers=api.auth(Role.ADMIN, **{"X-Reason": "police system goes live"}),
    )
    assert answer.status_code == 201, answer.text
    issued = answer.json()
    assert issued["pending"] is True
    bearer = {"Authorization": f"Bearer {issued['token']}"}
    assert api.client.get(f"{BASE}/me", headers=bearer).status_code == 401  # not yet
    approval = f"{BASE}/tokens/{issued['token_id']}/approval"
    same = api.client.post(approval, headers=api.auth(Role.ADMIN, **WHY))
    assert same.status_code == 403, same.text  # the requester cannot approve their own request
    assert api.client.get(f"{BASE}/me", headers=bearer).status_code == 401
    approved = api.client.post(approval, headers={**second, "X-Reason": "checked with police"})
    assert approved.status_code == 200, approved.text
    assert approved.json()["approved_by"] == "beheer2"
    assert approved.json()["created_by"] == "admin"
    assert api.client.get(f"{BASE}/me", headers=bearer).status_code == 200
    rows = trail_rows(api, "approve_token")
    assert [(r["actor"], r["outcome"]) for r in rows] == [("admin", "refused"), ("beheer2", "ok")]
    assert all("target=politie-api" in r["fields"] for r in rows)


def test_the_team_lead_sees_the_tokens_without_secrets(api: Api) -> None:
    answer = api.client.get(f"{BASE}/tokens?limit=100", headers=api.auth(Role.TEAM_LEAD))
    assert answer.status_code == 200, answer.text
    listed = answer.json()["items"]
    assert {row["user"] for row in listed} >= {role.value for role in Role}
    assert not any(token in answer.text for token in api.tokens.values())
    assert set(listed[0]) == {
        "token_id",
        "user",
        "created_by",
        "approved_by",
        "pending",
        "created_at",
        "expires_at",
        "revoked_at",
    }
    assert api.client.get(f"{BASE}/tokens", headers=api.auth(Role.ANALYST)).status_code == 403


def test_changing_roles_says_who_and_why_and_never_ones_own(api: Api) -> None:
    listed = api.client.get(f"{BASE}/users?limit=100", headers=api.auth(Role.ADMIN)).json()
    ids = {u["name"]: u["user_id"] for u in listed["items"]}
    why = api.auth(Role.ADMIN, **{"X-Reason": "moves from intake to analysis"})
    changed = api.client.put(
        f"{BASE}/users/{ids['intake']}/roles", json={"roles": ["analyst"]}, headers=why
    )
    assert changed.status_code == 200, changed.text
    assert api.app.users.roles_of("intake") == {Role.ANALYST}
    own = api.client.put(
        f"{BASE}/users/{ids['admin']}/roles", json={"roles": ["team_lead"]}, headers=why
    )
    assert own.status_code == 403, own.text
    assert api.app.users.roles_of("admin") == {Role.ADMIN}
    rows = trail_rows(api, "set_roles")
    assert [(r["actor"], r["outcome"]) for r in rows] == [("admin", "ok"), ("admin", "refused")]
    assert "target=intake" in rows[0]["fields"] and "roles=analyst" in rows[0]["fields"]


def test_revoking_says_who_and_why(api: Api) -> None:
    token = api.app.users.issue("intake", 1)
    gone = api.client.delete(
        f"{BASE}/tokens/{token.token_id}",
        headers=api.auth(Role.ADMIN, **{"X-Reason": "laptop was stolen"}),
    )
    assert gone.status_code == 204, gone.text
    [row] = trail_rows(api, "revoke_token")
    assert row["actor"] == "admin" and "target=intake" in row["fields"]
    assert row["reason"] == "laptop was stolen"


def test_the_command_line_bootstraps_then_asks_who_and_why(tmp_path: Any) -> None:
    cli = Cli(tmp_path)
    cli.run("db", "upgrade")
    # A fresh install has no administrator: the first is added without an actor.
    cli.run("users", "add", "beheer", "--role", "admin")
    done = cli.run("users", "add", "iris", "--role", "intake", "--json", expect=2)
    assert "--actor" in done.stderr
    done = cli.run("users", "add", "iris", "--role", "intake", "--actor", "beheer", expect=2)
    assert "--reason" in done.stderr
    why = ["--actor", "beheer", "--reason", "iris joins intake"]
    added = json.loads(cli.run("users", "add", "iris", "--role", "intake", *why, "--json").stdout)
    assert added["created_by"] == "beheer"
    cli.run("users", "add", "beheer2", "--role", "admin", *why)
    cli.run("users", "add", "teun", "--role", "team_lead", *why)
    # The administrator's token for iris waits; iris's own works at once.
    requested = cli.json("tokens", "issue", "iris", *why)
    assert requested["pending"] is True
    own = cli.json("tokens", "issue", "iris", "--actor", "iris", "--reason", "my own token")
    assert own["pending"] is False
    cli.run("tokens", "approve", requested["token_id"], *why, expect=7)
    second = ["--actor", "beheer2", "--reason", "checked with iris"]
    approved = cli.json("tokens", "approve", requested["token_id"], *second)
    assert approved["approved_by"] == "beheer2"
    listed = cli.json("tokens", "list", "--actor", "teun")
    assert {(t["user"], t["created_by"]) for t in listed} == {("iris", "beheer"), ("iris", "iris")}
    cli.run("tokens", "list", "--actor", "iris", expect=7)
    cli.run("users", "add", "role:team_lead", "--role", "intake", *why, expect=2)
    moved = cli.json("users", "roles", "iris", "--role", "analyst", *why)
    assert moved["roles"] == ["analyst"]
    cli.run("users", "roles", "beheer", "--role", "team_lead", *why, expect=7)
    engine = create_engine(f"sqlite:///{cli.database}")
    with engine.connect() as conn:
        made = {
            r.name: r.created_by for r in conn.execute(select(users.c.name, users.c.created_by))
        }
        tokens = list(conn.execute(select(api_tokens.c.created_by, api_tokens.c.approved_by)))
        rows = list(conn.execute(select(access_log).where(access_log.c.resource == "users")))
    engine.dispose()
    assert made["beheer"] == "bootstrap" and made["iris"] == "beheer"
    assert sorted(tokens, key=str) == sorted([("beheer", "beheer2"), ("iris", None)], key=str)
    assert rows[0].role == "bootstrap" and rows[0].reason == "no administrator yet"
    assert [r.actor for r in rows if r.outcome == "ok"][1:] == ["beheer"] * 4
