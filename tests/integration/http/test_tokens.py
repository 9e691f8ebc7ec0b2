"""Bearer tokens of our own: stored only as a SHA-256, refused once revoked or expired; the CLI
adds users and issues (prints once) and revokes tokens."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from adapters.bootstrap import App
from adapters.db.tables import api_tokens
from adapters.db.users import token_hash
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

MELDPUNT = str(Path(sys.executable).with_name("meldpunt"))


def test_only_the_hash_of_a_token_is_stored(api: Api) -> None:
    with api.app.engine.connect() as conn:
        stored = set(conn.execute(select(api_tokens.c.token_hash)).scalars())
    assert token_hash(api.tokens[Role.ANALYST]) in stored
    assert not any(t in stored for t in api.tokens.values())


def test_a_revoked_token_is_refused(api: Api) -> None:
    headers = api.user("vera", Role.ANALYST)
    assert api.client.get(f"{BASE}/me", headers=headers).status_code == 200
    with api.app.engine.connect() as conn:
        token_id = conn.execute(
            select(api_tokens.c.id).where(
                api_tokens.c.token_hash == token_hash(headers["Authorization"][7:])
            )
        ).scalar_one()
    admin = api.auth(Role.ADMIN, **{"X-Reason": "vera left the team"})
    assert api.client.delete(f"{BASE}/tokens/{token_id}", headers=admin).status_code == 204
    assert api.client.get(f"{BASE}/me", headers=headers).status_code == 401
    assert api.client.delete(f"{BASE}/tokens/{token_id}", headers=admin).status_code == 404


def test_an_expired_token_is_refused(app: App) -> None:
    app.users.add("old", Role.ANALYST)
    issued = app.users.issue("old", 1)
    assert app.users.authenticate(issued.token) is not None
    later = app.clock() + timedelta(days=1, seconds=1)
    app.users.clock = lambda: later
    assert app.users.authenticate(issued.token) is None


def test_the_cli_adds_users_and_issues_and_revokes_tokens(app: App, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDPUNT_")}
    env["MELDPUNT_DATABASE_URL"] = app.engine.url.render_as_string(hide_password=False)
    env["MELDPUNT_KEY_FILE"] = str(tmp_path / "cli.key")
    env["MELDPUNT_SUBJECT_KEY_FILE"] = str(tmp_path / "cli.subject.key")

    def meldpunt(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [MELDPUNT, *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
        )

    added = meldpunt(
        "users", "add", "fatima", "--role", "case_director", "--team", "noord", "--json"
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["team"] == "noord"
    assert meldpunt("users", "add", "fatima", "--role", "intake").returncode == 4  # a conflict
    issued = meldpunt("tokens", "issue", "fatima", "--days", "2", "--json")
    token = json.loads(issued.stdout)
    principal = app.users.authenticate(token["token"])
    assert principal is not None and principal.roles == {Role.CASE_DIRECTOR}
    assert meldpunt("tokens", "issue", "nobody").returncode == 5
    assert meldpunt("tokens", "revoke", token["token_id"]).returncode == 0
    assert app.users.authenticate(token["token"]) is None
