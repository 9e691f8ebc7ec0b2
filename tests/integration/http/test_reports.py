"""POST /reports: every problem of a report in one 400, each field named; dates at the edge of
the calendar are a 400 too, never a server error; a refused report leaves no case."""

import pytest

from tests.conftest import report_data
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

PROBLEM = "application/problem+json"


def post(api: Api, body: object) -> tuple[int, dict[str, str], dict[str, object]]:
    answer = api.client.post(f"{BASE}/reports", json=body, headers=api.auth(Role.INTAKE))
    if answer.status_code == 400:
        assert answer.headers["content-type"] == PROBLEM
    problem = answer.json()
    reasons = {p["name"]: p["reason"] for p in problem.get("invalid_params") or []}
    return answer.status_code, reasons, problem


def cases(api: Api) -> int:
    listed = api.client.get(f"{BASE}/cases", headers=api.auth(Role.TEAM_LEAD)).json()
    return int(listed["total"])


def test_a_report_with_several_problems_gets_one_400_naming_each_field(api: Api) -> None:
    body = report_data(bsn="123", date_of_birth="2030-01-01", municipality="Atlantis", sex="x")
    body.update(channel="fax", signals=["runs_away", "flying"])
    body["reporter"] = {**body["reporter"], "email": "j.devries@", "phone": "112"}  # type: ignore[dict-item]
    status, reasons, problem = post(api, body)
    assert (status, problem["title"]) == (400, "Onjuiste invoer")
    assert set(reasons) == {
        "channel",
        "reporter.email",
        "reporter.phone",
        "subject.sex",
        "subject.bsn",
        "subject.date_of_birth",
        "subject.municipality",
        "signals.1",
    }
    assert reasons["subject.date_of_birth"] == "ligt na received_at"
    assert "'Atlantis' is geen van de 14 gemeenten" in reasons["subject.municipality"]
    for name in reasons:
        assert name in str(problem["detail"])  # the detail lists them too, for a person
    assert cases(api) == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("received_at", "0001-01-01T00:00:00+14:00"),
        ("received_at", "9999-12-31T23:59:59Z"),
        ("date_of_birth", "0001-01-01"),
        ("date_of_birth", "9999-12-31"),
    ],
)
def test_a_date_at_the_edge_of_the_calendar_is_a_400_naming_it(
    api: Api, field: str, value: str
) -> None:
    if field == "received_at":
        body = {**report_data(), "received_at": value}
        name = "received_at"
    else:
        body = report_data(date_of_birth=value)
        name = "subject.date_of_birth"
    status, reasons, _ = post(api, body)
    assert (status, list(reasons)) == (400, [name])
    assert cases(api) == 0


def test_a_body_that_is_not_an_object_is_a_400(api: Api) -> None:
    status, reasons, _ = post(api, ["a", "list"])
    assert (status, reasons) == (400, {"(body)": "moet een JSON-object zijn"})


def test_a_municipality_in_another_spelling_is_registered_by_its_name(api: Api) -> None:
    case_id = api.register(municipality="HOF-VAN-TWENTE")
    lead = api.auth(Role.TEAM_LEAD)
    shown = api.client.get(f"{BASE}/cases/{case_id}", headers=lead).json()
    assert shown["municipality"] == "Hof van Twente"


def test_the_openapi_document_still_describes_the_report_body(api: Api) -> None:
    document = api.client.get(f"{BASE}/openapi.json").json()
    body = document["paths"]["/reports"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Report"}
    assert "subject" in document["components"]["schemas"]["Report"]["properties"]
