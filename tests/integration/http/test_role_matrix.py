"""Every endpoint with every role, and with no token: the role-by-action matrix of docs/api.md.

Allowed means the role gets past the gate (a 2xx, or a 4xx about the input, never 401/403);
refused is 403 as problem+json; no token is 401. The expected table is written out here, not
read from the code, and every operation in the OpenAPI document must be in it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

from tests.conftest import report_data, unique_bsn
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

IN, CD, TL, CC, AN, PA, AD, PO = (
    Role.INTAKE,
    Role.CASE_DIRECTOR,
    Role.TEAM_LEAD,
    Role.CARE_COORDINATOR,
    Role.ANALYST,
    Role.PARTNER,
    Role.ADMIN,
    Role.PRIVACY_OFFICER,
)
CASE_WORKERS = {IN, CD, TL, CC}


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # as in the OpenAPI document
    allowed: frozenset[Role]
    body: Callable[[Api], Any] | None = None
    query: str = ""


CALLS = [
    Call("get", "/me", frozenset(Role)),
    Call("post", "/reports", frozenset({IN, TL}), lambda api: report_data()),
    Call("get", "/cases", frozenset(CASE_WORKERS)),
    Call("get", "/cases/{case_id}", frozenset(CASE_WORKERS)),
    Call("get", "/cases/{case_id}/file", frozenset(CASE_WORKERS)),
    Call(
        "post",
        "/cases/{case_id}/transitions",
        frozenset({IN, CD, TL}),
        lambda api: {
            "trigger": "scale_down",
            "data": {"local_team": "wijkteam", "handover": "warm"},
        },
    ),
    Call(
        "post",
        "/cases/{case_id}/activities",
        frozenset(CASE_WORKERS),
        lambda api: {"kind": "note", "summary": "called the school"},
    ),
    Call(
        "post", "/cases/{case_id}/follow-ups", frozenset({CD, TL}), lambda api: {"outcome": "fine"}
    ),
    Call(
        "post",
        "/cases/{case_id}/assignment",
        frozenset({CD, TL}),
        lambda api: {"case_director": f"director-{uuid4().hex[:6]}", "reason": "handover"},
    ),
    Call(
        "post",
        "/cases/{case_id}/assessment-confirmation",
        frozenset({TL}),
        lambda api: {"confirm": True},
    ),
    Call(
        "post",
        "/cases/{case_id}/consents",
        frozenset({CD, TL, CC}),
        lambda api: {
            "given_by": "subject",
            "scope": "registration",
            "given_at": "2026-11-01T10:00:00+01:00",
        },
    ),
    Call("post", "/cases/{case_id}/consents/{consent_id}/withdrawal", frozenset({CD, TL, CC})),
    Call(
        "post",
        "/partner-events",
        frozenset({PA}),
        lambda api: {
            "specversion": "1.0",
            "id": uuid4().hex,
            "source": "urn:nl:twente:scholen",
            "type": "nl.meldpunt.report",
            "data": report_data(),
        },
    ),
    Call("get", "/partner/subscription", frozenset({PA})),
    Call(
        "get", "/partner/disclosures", frozenset({PA}), query="?since=2026-11-01T00:00:00%2B01:00"
    ),
    Call("get", "/notifications", frozenset(CASE_WORKERS)),
    Call("get", "/cases/{case_id}/access-log", frozenset({TL})),
    Call("get", "/cases/{case_id}/subject-access-report", frozenset({TL, PO})),
    Call("get", "/access-log/break-glass", frozenset({TL})),
    Call("get", "/statistics", frozenset({AN, TL})),
    Call("get", "/users", frozenset({AD})),
    Call(
        "post",
        "/users",
        frozenset({AD}),
        lambda api: {"name": f"u{uuid4().hex}", "roles": ["intake"]},
    ),
    Call("put", "/users/{user_id}/roles", frozenset({AD}), lambda api: {"roles": ["analyst"]}),
    Call("post", "/users/{user_id}/tokens", frozenset({AD}), lambda api: {"days": 1}),
    Call("delete", "/tokens/{token_id}", frozenset({AD})),
    Call("post", "/tokens/{token_id}/approval", frozenset({AD})),
    Call("get", "/tokens", frozenset({TL, AD})),
    Call("get", "/figures/cost-share", frozenset({AN, TL}), query="?budget=97500.00"),
    Call("get", "/figures/prevalence", frozenset({AN, TL})),
    Call("get", "/figures/{table}", frozenset({AN, TL}), query="?year=2026"),
    Call("post", "/advice-questions", frozenset({IN, CD}), lambda api: {"minutes": 5}),
    Call("get", "/advice-questions", frozenset({IN, CD, TL})),
    Call("get", "/advice-questions/{advice_id}", frozenset({IN, CD, TL})),
    Call("post", "/advice-questions/{advice_id}/report", frozenset({IN}), lambda api: {}),
    Call("post", "/prevention-activities", frozenset({IN, CD}), lambda api: {"hours": 1}),
    Call("get", "/prevention-activities", frozenset({IN, CD, TL})),
    Call("get", "/prevention-activities/{activity_id}", frozenset({IN, CD, TL})),
    Call(
        "post",
        "/prevention-activities/{activity_id}/held",
        frozenset({IN, CD}),
        lambda api: {"participants": 20},
    ),
    # The data subject's rights (docs/subject_rights.md).
    Call("post", "/subjects/report", frozenset({TL, PO}), lambda api: {"bsn": unique_bsn()}),
    Call("get", "/subjects/report", frozenset({TL, PO}), query=f"?caseId={uuid4()}"),
    Call(
        "post",
        "/cases/{case_id}/correction",
        frozenset({TL, PO}),
        lambda api: {"field": "description", "value": uuid4().hex, "reason": "said wrongly"},
    ),
    Call(
        "post",
        "/cases/{case_id}/restriction",
        frozenset({TL, PO}),
        lambda api: {"reason": "the person contests the report"},
    ),
    Call(
        "post",
        "/cases/{case_id}/restriction/lifting",
        frozenset({TL, PO}),
        lambda api: {"reason": "the contested report was corrected"},
    ),
    Call("get", "/retention/lists", frozenset({TL})),
    Call("get", "/retention/lists/{list_id}", frozenset({TL})),
    Call("post", "/retention/lists/{list_id}/approval", frozenset({TL})),
    Call(
        "post",
        "/retention/lists/{list_id}/removals",
        frozenset({TL}),
        lambda api: {"case_id": str(uuid4()), "reason": "nog nodig voor de politie"},
    ),
    Call("post", "/retention/runs", frozenset({TL})),
    Call(
        "post",
        "/retention/cases/{case_id}/holds",
        frozenset({TL}),
        lambda api: {"reason": "strafzaak loopt nog"},
    ),
    Call(
        "post",
        "/retention/cases/{case_id}/release",
        frozenset({TL}),
        lambda api: {"reason": "strafzaak is afgerond"},
    ),
    Call(
        "post",
        "/retention/cases/{case_id}/erasure",
        frozenset({TL}),
        lambda api: {"reason": "verzoek van betrokkene"},
    ),
    Call("get", "/break-glass/grants", frozenset({TL}), query="?openOnly=true"),
    Call(
        "post",
        "/break-glass/grants/{grant_id}/review",
        frozenset({TL}),
        lambda api: {"verdict": "justified", "reason": "politie belde over deze persoon"},
    ),
]


def _url(api: Api, call: Call, role: Role | None) -> str:
    # A case in the asker's scope: intake sees reports not yet directed, the others this one.
    case_id = api.register() if role is Role.INTAKE else api.directed_case()
    user = api.app.users.add(f"someone-{uuid4().hex[:8]}", Role.INTAKE)
    token = api.app.users.issue(user["name"], 1)
    values = {
        "case_id": case_id,
        "user_id": user["user_id"],
        "token_id": token.token_id,
        "consent_id": str(uuid4()),
        "table": "reports",
        "advice_id": str(uuid4()),
        "activity_id": str(uuid4()),
        "list_id": str(uuid4()),
        "grant_id": str(uuid4()),
    }
    return BASE + call.path.format(**values) + call.query


def _send(api: Api, call: Call, role: Role | None) -> Any:
    # The reason an administrator states (docs/api.md, "Users and tokens"); others ignore it.
    headers = api.auth(role, **{"X-Reason": "the role matrix test"}) if role is not None else {}
    body = call.body(api) if call.body else None
    return api.client.request(call.method, _url(api, call, role), json=body, headers=headers)


def test_the_matrix_covers_every_operation_of_the_openapi_document(api: Api) -> None:
    document = api.client.get(f"{BASE}/openapi.json").json()
    operations = {
        (method, path.removeprefix(BASE))
        for path, ops in document["paths"].items()
        for method in ops
    }
    assert operations == {(c.method, c.path) for c in CALLS}


def test_every_endpoint_with_every_role(api: Api) -> None:
    outcomes = {}
    for call in CALLS:
        for role in Role:
            answer = _send(api, call, role)
            outcomes[(call.method, call.path, role.value)] = answer.status_code
            if role in call.allowed:
                assert answer.status_code < 500, (call, role, answer.text)
                assert answer.status_code not in (401, 403), (call, role, answer.text)
            else:
                assert answer.status_code == 403, (call, role, answer.text)
                assert answer.headers["content-type"] == "application/problem+json"
                assert answer.json()["status"] == 403
        anonymous = _send(api, call, None)
        assert anonymous.status_code == 401, (call, anonymous.text)
        assert anonymous.headers["www-authenticate"] == "Bearer"
    # The allowed calls did what they were asked, not only "not refused".
    assert outcomes[("post", "/reports", "intake")] == 201
    assert outcomes[("get", "/cases/{case_id}", "care_coordinator")] == 200
    assert outcomes[("post", "/cases/{case_id}/transitions", "case_director")] == 200
    assert outcomes[("post", "/cases/{case_id}/follow-ups", "team_lead")] == 409  # not scaled down
    assert outcomes[("delete", "/tokens/{token_id}", "admin")] == 204
    assert outcomes[("post", "/cases/{case_id}/consents", "care_coordinator")] == 201
    assert outcomes[("post", "/partner-events", "partner")] == 202
    assert outcomes[("get", "/partner/subscription", "partner")] == 200
    assert outcomes[("get", "/partner/disclosures", "partner")] == 200
    assert outcomes[("post", "/subjects/report", "privacy_officer")] == 200
    assert outcomes[("post", "/cases/{case_id}/correction", "privacy_officer")] == 200
    assert outcomes[("post", "/cases/{case_id}/restriction", "team_lead")] == 200
