"""A person can hold several roles and acts with all of them: the users store, the API, the
gate (permissions and scope), /me, the CLI; a duplicate user name is 409; the partner role is
held alone; users of one role from before keep it."""

from sqlalchemy import insert, select

from adapters.bootstrap import App
from adapters.db.migrate import downgrade, upgrade
from adapters.db.tables import access_log, api_tokens
from tests.e2e.cli import Cli
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role


def test_a_user_with_two_roles_may_what_either_may_and_sees_both_scopes(api: Api) -> None:
    admin = api.auth(Role.ADMIN, **{"X-Reason": "ina starts in two roles"})
    body = {"name": "ina", "roles": ["intake", "care_coordinator"]}
    made = api.client.post(f"{BASE}/users", json=body, headers=admin)
    assert made.status_code == 201, made.text
    assert made.json()["roles"] == ["care_coordinator", "intake"]
    ina = {"Authorization": f"Bearer {api.app.users.issue('ina', 1).token}"}
    me = api.client.get(f"{BASE}/me", headers=ina).json()
    assert me["roles"] == ["care_coordinator", "intake"]
    assert {"register_report", "manage_consent"} <= set(me["actions"])
    assert "confirm_assessment" not in me["actions"]
    new = api.client.post(f"{BASE}/reports", json=_report(), headers=ina)  # as intake
    assert new.status_code == 201
    directed = api.directed_case()  # in case direction: the care coordinator's scope
    consent = {"given_by": "subject", "scope": "care_referral", "given_at": "2026-11-01T10:00:00Z"}
    answer = api.client.post(f"{BASE}/cases/{directed}/consents", json=consent, headers=ina)
    assert answer.status_code == 201, answer.text
    closed = api.directed_case()  # neither scope: directed by someone, and closed
    api.fire(closed, "close", {"result": "other", "reason": "ended"})
    assert api.client.get(f"{BASE}/cases/{closed}", headers=ina).status_code == 403
    with api.app.engine.connect() as conn:
        roles = set(
            conn.execute(select(access_log.c.role).where(access_log.c.actor == "ina")).scalars()
        )
    assert roles == {"care_coordinator+intake"}


def test_a_duplicate_name_is_409_and_the_partner_role_is_held_alone(api: Api) -> None:
    admin = api.auth(Role.ADMIN, **{"X-Reason": "ina starts in two roles"})
    again = api.client.post(
        f"{BASE}/users", json={"name": "intake", "roles": ["intake"]}, headers=admin
    )
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    both = {"name": "p2", "roles": ["partner", "intake"], "team": "school"}
    refused = api.client.post(f"{BASE}/users", json=both, headers=admin)
    assert refused.status_code == 400
    assert refused.json()["invalid_params"][0]["name"] == "roles"


def test_the_command_line_takes_roles_again_and_again(cli: Cli) -> None:
    done = cli.json("users", "add", "sam", "--role", "team_lead", "--role", "intake")
    assert done["roles"] == ["intake", "team_lead"]
    cli.run("users", "add", "sam", "--role", "intake", expect=4)  # exists: a conflict


def test_users_from_before_keep_their_role_and_their_tokens(app: App) -> None:
    downgrade(app.engine, "0010")
    with app.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(
            text(
                "INSERT INTO users (id, name, role, team, created_at) "
                "VALUES ('u-1', 'oud', 'case_director', 'noord', '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            insert(api_tokens),
            {
                "id": "t-1",
                "user_id": "u-1",
                "token_hash": "h" * 64,
                "created_at": app.clock(),
                "expires_at": app.clock(),
            },
        )
    upgrade(app.engine)
    assert app.users.roles_of("oud") == {Role.CASE_DIRECTOR}
    principal = app.users.principal("oud", "test")
    assert principal is not None and principal.team == "noord"


def _report() -> dict[str, object]:
    from tests.conftest import report_data

    return report_data()
