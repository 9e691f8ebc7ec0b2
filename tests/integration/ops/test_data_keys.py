"""The API on a database whose data its keys do not open: a 503 that says so, in Dutch."""

from cryptography.fernet import Fernet
from fastapi.testclient import TestClient

from adapters.bootstrap import bootstrap
from adapters.http.app import create_app
from tests.conftest import make_settings
from tests.integration.http.conftest import Api
from workflow.access import Role


def test_a_read_with_keys_that_do_not_fit_is_a_clear_503(api: Api) -> None:
    case_id = api.register()
    other_keys = Fernet.generate_key().decode()
    other = bootstrap(make_settings(api.app.settings.database_url, data_keys=other_keys))
    try:
        with TestClient(create_app(other)) as client:
            answer = client.get(f"/api/v1/cases/{case_id}/file", headers=api.auth(Role.TEAM_LEAD))
            ready = client.get("/health/ready").json()
    finally:
        other.engine.dispose()
    assert answer.status_code == 503
    assert answer.headers["content-type"] == "application/problem+json"
    assert "gegevenssleutels passen niet bij deze database" in answer.json()["detail"]
    assert ready["checks"]["data_keys"] == "keys_do_not_fit"
