"""Every answer keeps its headers, a server error too; a method a path does not have is 405
with `Allow`."""

from dataclasses import replace
from typing import Any

from fastapi.testclient import TestClient

from adapters.http.app import create_app
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

HEADERS = {
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "strict-transport-security": "max-age=31536000; includeSubDomains",
}


class BrokenStatistics:
    """The figures, failing with a bug (and data in its message)."""

    def counts(self, threshold: int) -> Any:
        raise RuntimeError("a bug that knows Fenna Testpersoon")


def test_a_server_error_carries_the_headers_of_every_answer_and_no_detail(api: Api) -> None:
    broken = replace(api.app, statistics=BrokenStatistics())
    with TestClient(create_app(broken), raise_server_exceptions=False) as client:
        answer = client.get(f"{BASE}/statistics", headers=api.auth(Role.TEAM_LEAD))
    assert answer.status_code == 500
    assert {k: answer.headers.get(k) for k in HEADERS} == HEADERS
    assert answer.headers["content-type"] == "application/problem+json"
    assert "Fenna" not in answer.text and "RuntimeError" not in answer.text


def test_a_method_the_path_lacks_is_405_with_allow(api: Api) -> None:
    answer = api.client.put(f"{BASE}/cases", headers=api.auth(Role.TEAM_LEAD))
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, HEAD"
    assert answer.headers["cache-control"] == "no-store"
    users = api.client.delete(f"{BASE}/users", headers=api.auth(Role.ADMIN))
    assert users.headers["allow"] == "GET, HEAD, POST"
