"""Schemathesis against the running service: `meldpunt api` as a process on PostgreSQL, its
OpenAPI document fetched over HTTP, every operation called with generated requests, valid and
invalid, as several roles (team lead and case director; admin for users, the partner for
its own door), on a real case and on made-up ids. No answer may be a server error, and every
answer must be one the document declares: status, content type, headers and body schema.
Bounded: a few examples per operation, mode and role."""

import os
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import schemathesis
from cryptography.fernet import Fernet
from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import SearchStrategy
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from adapters.bootstrap import bootstrap
from tests.conftest import fresh_postgres_database, make_settings, report_data
from tests.e2e.cli import MELDPUNT
from tests.integration.http.conftest import ASSESS_HIGH, BASE
from workflow.access import Role

EXAMPLES = 4
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
TEAMS = {Role.CASE_DIRECTOR: "noord", Role.PARTNER: "school"}


@dataclass
class Service:
    url: str
    tokens: dict[Role, str]

    def auth(self, role: Role) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def service(tmp_path: Any) -> Iterator[Service]:
    database, drop = fresh_postgres_database()
    keys = {"data_keys": Fernet.generate_key().decode(), "subject_key": "s" * 32}
    app = bootstrap(make_settings(database, **keys))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDPUNT_")}
    env.update(
        MELDPUNT_DATABASE_URL=database,
        MELDPUNT_DATA_KEYS=keys["data_keys"],
        MELDPUNT_SUBJECT_KEY=keys["subject_key"],
        MELDPUNT_LOG_JSON="true",
        MELDPUNT_LOG_LEVEL="WARNING",
    )
    subprocess.run([MELDPUNT, "db", "upgrade"], env=env, check=True, capture_output=True)
    tokens = {}
    for role in Role:
        app.users.add(role.value, role, TEAMS.get(role))
        tokens[role] = app.users.issue(role.value, 1).token
    app.engine.dispose()
    port = free_port()
    process = subprocess.Popen(
        [MELDPUNT, "api", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}{BASE}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("meldpunt api did not start")
        yield Service(url, tokens)
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
        drop()
        assert "Traceback" not in errors, errors  # no error escaped the service's own answers


def a_directed_case(service: Service) -> str:
    lead = service.auth(Role.TEAM_LEAD)
    with httpx.Client(base_url=f"{service.url}{BASE}", timeout=30) as client:
        made = client.post("/reports", json=report_data(), headers=service.auth(Role.INTAKE))
        assert made.status_code == 201, made.text
        case_id: str = made.json()["case_id"]
        for trigger, data in [
            ("assess_risk", ASSESS_HIGH),
            ("start_case_direction", {"case_director": "case_director", "plan": "plan"}),
        ]:
            answer = client.post(
                f"/cases/{case_id}/transitions",
                json={"trigger": trigger, "data": data},
                headers=lead,
            )
            assert answer.status_code == 200, answer.text
    return case_id


def runner(
    strategy: SearchStrategy[Any], base_url: str, headers: dict[str, str], seen: list[int]
) -> Callable[[], None]:
    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def run(case: Any) -> None:
        answer = case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)
        seen.append(answer.status_code)

    return run  # type: ignore[no-any-return]


def roles_for(path: str) -> list[Role]:
    if "/users" in path or "/tokens" in path:
        return [Role.ADMIN, Role.TEAM_LEAD]  # the admin's, and someone refused
    if "/partner" in path:
        return [Role.PARTNER, Role.CASE_DIRECTOR]
    return [Role.TEAM_LEAD, Role.CASE_DIRECTOR]


@pytest.mark.postgres
def test_the_running_service_keeps_to_its_document(service: Service) -> None:
    schema = schemathesis.openapi.from_url(f"{service.url}{BASE}/openapi.json")
    case_id = a_directed_case(service)
    seen: list[int] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        variants: list[dict[str, Any] | None] = [None]
        if "{case_id}" in operation.path:
            variants.append({"case_id": case_id})
        for role in roles_for(operation.path):
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                for path_parameters in variants:
                    strategy = operation.as_strategy(mode, path_parameters=path_parameters)
                    # Every path of the document is relative to its server, /api/v1.
                    runner(strategy, f"{service.url}{BASE}", service.auth(role), seen)()
    assert operations >= 23
    assert any(200 <= s < 300 for s in seen)  # the handlers were reached, not only the checks
    assert {400, 403} <= set(seen)
