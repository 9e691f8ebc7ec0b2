"""A request id from anyone but a configured proxy is not believed: a client cannot choose the
id its requests are logged under."""

from tests.integration.http.conftest import Api


def test_an_id_from_a_client_is_replaced(api: Api) -> None:
    answer = api.client.get("/health/live", headers={"X-Request-ID": "chosen-by-client"})
    given = answer.headers["x-request-id"]
    assert given != "chosen-by-client" and len(given) == 32
    refused = api.client.get("/api/v1/me")  # a refusal at the door has one too
    assert refused.status_code == 401 and len(refused.headers["x-request-id"]) == 32
