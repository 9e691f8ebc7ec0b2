"""Schemathesis against /api/v1/openapi.json: generated requests, valid and invalid, to every
operation, as a team lead (an admin for the user operations), on an existing case and on made-up
ids. No answer may be a server error (5xx), and every answer must be one the document lists,
with the content type it says. Bounded: a few examples per operation and mode."""

from collections.abc import Callable
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import SearchStrategy
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

EXAMPLES = 8
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance]


def runner(
    strategy: SearchStrategy[Any], headers: dict[str, str], statuses: list[int]
) -> Callable[[], None]:
    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def run(case: Any) -> None:
        answer = case.call_and_validate(headers=headers, checks=CHECKS)
        statuses.append(answer.status_code)

    return run  # type: ignore[no-any-return]


def test_no_server_errors_and_only_documented_answers(api: Api) -> None:
    schema = schemathesis.openapi.from_asgi(f"{BASE}/openapi.json", api.client.app)
    case_id = api.directed_case()
    statuses: list[int] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        admin = "/users" in operation.path or "/tokens" in operation.path
        partner = "/partner" in operation.path
        role = Role.ADMIN if admin else Role.PARTNER if partner else Role.TEAM_LEAD
        headers = api.auth(role)
        variants: list[dict[str, Any] | None] = [None]
        if "{case_id}" in operation.path:
            variants.append({"case_id": case_id})
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for path_parameters in variants:
                runner(
                    operation.as_strategy(mode, path_parameters=path_parameters), headers, statuses
                )()
    assert operations == 24
    # The run reached the handlers, not only the validation: some answers were successes.
    assert len(statuses) > 100
    assert any(200 <= s < 300 for s in statuses)
    assert 400 in statuses
