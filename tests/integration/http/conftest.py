"""The API over a real database (SQLite and PostgreSQL), with a user and a token per role."""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from adapters.bootstrap import App
from adapters.http.app import create_app
from tests.conftest import report_data
from workflow.access import Role

BASE = "/api/v1"
# One user per role; the case director belongs to team "noord", with a colleague in it.
TEAMS = {Role.CASE_DIRECTOR: "noord", Role.PARTNER: "school"}  # a partner's team: its code
_days = itertools.count()


@dataclass
class Api:
    app: App
    client: TestClient
    tokens: dict[Role, str]

    def auth(self, role: Role, **headers: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}", **headers}

    def user(self, name: str, role: Role, team: str | None = None) -> dict[str, str]:
        """Another user with a token; returns the Authorization header."""
        self.app.users.add(name, role, team)
        return {"Authorization": f"Bearer {self.app.users.issue(name, 1).token}"}

    def register(self, **subject: object) -> str:
        # A birth date of its own, so intake proposes no near-duplicates between test people.
        born = date(1990, 1, 1) + timedelta(days=next(_days))
        person = {"date_of_birth": born.isoformat(), **subject}
        answer = self.client.post(
            f"{BASE}/reports", json=report_data(**person), headers=self.auth(Role.INTAKE)
        )
        assert answer.status_code == 201, answer.text
        case_id: str = answer.json()["case_id"]
        return case_id

    def fire(self, case_id: str, trigger: str, data: dict[str, object]) -> None:
        answer = self.client.post(
            f"{BASE}/cases/{case_id}/transitions",
            json={"trigger": trigger, "data": data},
            headers=self.auth(Role.TEAM_LEAD),
        )
        assert answer.status_code == 200, answer.text

    def directed_case(self, director: str = "case_director") -> str:
        """A case in case direction, directed by `director` (a director of team "zuid" unless
        they are a user already)."""
        if not self.app.users.roles_of(director):
            self.app.users.add(director, Role.CASE_DIRECTOR, "zuid")
        case_id = self.register()
        self.fire(case_id, "assess_risk", ASSESS_HIGH)
        self.fire(case_id, "start_case_direction", {"case_director": director, "plan": "plan"})
        return case_id


ASSESS_HIGH = {"level": "high", "indicators": ["runs_away"], "rationale": "runs away weekly"}


@pytest.fixture
def api(app: App) -> Iterator[Api]:
    tokens = {}
    for role in Role:
        app.users.add(role.value, role, TEAMS.get(role))
        tokens[role] = app.users.issue(role.value, 1).token
    with TestClient(create_app(app)) as client:
        yield Api(app, client, tokens)
