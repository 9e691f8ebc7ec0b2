"""Names with control, invisible or bidirectional characters are refused, each with its field:
user names and teams (a partner's team is its code), the names in a report, the teams and
directors a case is handed to, the headers that go into the access log."""

import json

import pytest

from tests.conftest import report_data
from tests.e2e.cli import Cli
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

RLO, ZWSP, LRI, PDI = "\u202e", "\u200b", "\u2066", "\u2069"
BAD_NAMES = [f"anna{RLO}redael", f"an{ZWSP}na", f"{LRI}anna{PDI}", "an\x00na", "an\u2028na"]
SAID = "bevat een stuurteken, onzichtbaar teken of richtingsteken"


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_user_or_team_name_with_such_a_character_is_400(api: Api, name: str) -> None:
    admin = api.auth(Role.ADMIN)
    answer = api.client.post(
        f"{BASE}/users", json={"name": name, "roles": ["intake"]}, headers=admin
    )
    assert answer.status_code == 400, answer.text
    [problem] = answer.json()["invalid_params"]
    assert problem["name"] == "name"
    assert "spatie" in problem["reason"]  # said in words, not as a pattern of invisible signs
    body = {"name": "zoe", "roles": ["partner"], "team": f"school{RLO}"}
    answer = api.client.post(f"{BASE}/users", json=body, headers=admin)
    assert answer.status_code == 400
    assert answer.json()["invalid_params"] == [{"name": "team", "reason": SAID}]
    listed = api.client.get(f"{BASE}/users?limit=100", headers=admin).json()
    assert "zoe" not in {u["name"] for u in listed["items"]}


def test_the_names_in_a_report_are_checked_each_with_its_field(api: Api) -> None:
    report = report_data(name=f"Fenna{RLO}Testpersoon")
    report["reporter"] = {**report["reporter"], "name": f"J.{ZWSP}de Vries"}  # type: ignore[dict-item]
    report["reporter"]["organisation"] = f"{LRI}Lyceum{PDI}"  # type: ignore[index]
    answer = api.client.post(f"{BASE}/reports", json=report, headers=api.auth(Role.INTAKE))
    assert answer.status_code == 400
    named = {p["name"]: p["reason"] for p in answer.json()["invalid_params"]}
    assert named == {n: SAID for n in ("subject.name", "reporter.name", "reporter.organisation")}


def test_a_lone_surrogate_in_a_name_is_400_on_every_database(api: Api) -> None:
    body = json.dumps(report_data(name="Fenna")).replace("Fenna", "Fen\\ud800na")
    headers = {**api.auth(Role.INTAKE), "Content-Type": "application/json"}
    answer = api.client.post(f"{BASE}/reports", content=body, headers=headers)
    assert answer.status_code == 400
    assert [p["name"] for p in answer.json()["invalid_params"]] == ["subject.name"]


def test_a_local_team_or_a_header_with_such_a_character_is_400(api: Api) -> None:
    case_id = api.directed_case()
    data = {"local_team": f"Wijkteam{RLO}Zuid", "handover": "warme overdracht"}
    answer = api.client.post(
        f"{BASE}/cases/{case_id}/transitions",
        json={"trigger": "scale_down", "data": data},
        headers=api.auth(Role.TEAM_LEAD),
    )
    assert answer.status_code == 400
    assert answer.json()["invalid_params"] == [{"name": "data.local_team", "reason": SAID}]
    # A header is read as Latin-1: the zero-width space's UTF-8 bytes are C1 controls there.
    purpose = {**api.auth(Role.TEAM_LEAD), "X-Purpose": "case\u200bwork".encode()}
    read = api.client.get(f"{BASE}/cases/{case_id}", headers=purpose)  # type: ignore[arg-type]
    assert read.status_code == 400
    assert read.json()["invalid_params"][0]["name"] == "x-purpose"


def test_the_command_line_refuses_them_too(cli: Cli) -> None:
    done = cli.run("users", "add", f"anna{RLO}x", "--role", "intake", "--json", expect=2)
    assert json.loads(done.stderr)["problems"][0]["field"] == "name"
    done = cli.run("users", "add", "zoe", "--role", "partner", "--team", f"x{ZWSP}", expect=2)
    assert "team" in done.stderr
