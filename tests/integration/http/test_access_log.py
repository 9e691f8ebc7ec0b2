"""The access log (NEN 7513): a list, a search, a read and a refused attempt each leave a row with
who, role, case, subject key, action, fields, client, purpose and outcome; breaking the glass is
flagged and listed for the team lead; a data subject's report finds every case of the person."""

from typing import Any

import pytest
from sqlalchemy import select

from adapters.db import access_chain
from adapters.db.tables import access_log
from tests.conftest import unique_bsn
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role


def rows(api: Api) -> list[dict[str, Any]]:
    with api.app.engine.connect() as conn:
        return [
            dict(r) for r in conn.execute(select(access_log).order_by(access_log.c.id)).mappings()
        ]


def subject_key(api: Api, case_id: str) -> str:
    from adapters.db.tables import cases

    with api.app.engine.connect() as conn:
        key: str = conn.execute(
            select(cases.c.subject_key).where(cases.c.id == case_id)
        ).scalar_one()
    return key


def test_a_list_a_search_and_a_read_each_leave_a_row(api: Api) -> None:
    case_id = api.register()
    lead = api.auth(Role.TEAM_LEAD, **{"X-Purpose": "weekly review"})
    before = len(rows(api))
    assert api.client.get(f"{BASE}/cases", headers=lead).status_code == 200
    assert api.client.get(f"{BASE}/cases?state=received", headers=lead).status_code == 200
    assert api.client.get(f"{BASE}/cases/{case_id}", headers=lead).status_code == 200
    logged = rows(api)[before:]
    assert [r["action"] for r in logged] == ["list", "search", "read"]
    for row in logged:
        assert (row["actor"], row["role"], row["case_id"]) == ("team_lead", "team_lead", case_id)
        assert row["subject_key"] == subject_key(api, case_id)
        assert (row["outcome"], row["purpose"], row["client"]) == (
            "ok",
            "weekly review",
            "testclient",
        )
        assert row["via"].startswith("token:")
        assert row["break_glass"] is False
    assert logged[1]["fields"] == "summary,state"
    assert "history" in logged[2]["fields"].split(",")


def test_writes_and_refused_attempts_are_logged(api: Api) -> None:
    case_id = api.register()
    before = len(rows(api))
    note = {"kind": "note", "summary": "called"}
    assert (
        api.client.post(
            f"{BASE}/cases/{case_id}/activities", json=note, headers=api.auth(Role.INTAKE)
        ).status_code
        == 201
    )
    assert (
        api.client.get(f"{BASE}/cases/{case_id}", headers=api.auth(Role.ANALYST)).status_code == 403
    )
    assert api.client.get(f"{BASE}/cases", headers=api.auth(Role.PARTNER)).status_code == 403
    logged = rows(api)[before:]
    assert [(r["actor"], r["action"], r["outcome"]) for r in logged] == [
        ("intake", "write", "ok"),
        ("analyst", "read", "refused"),
        ("partner", "list", "refused"),
    ]
    assert logged[1]["case_id"] == case_id


def test_a_case_director_sees_own_and_team_cases_and_breaks_the_glass_for_others(api: Api) -> None:
    api.app.users.add("colleague", Role.CASE_DIRECTOR, "noord")
    own = api.directed_case("case_director")
    teams = api.directed_case("colleague")
    other = api.directed_case("someone_else")
    director = api.auth(Role.CASE_DIRECTOR)
    listed = api.client.get(f"{BASE}/cases", headers=director).json()
    assert sorted(c["case_id"] for c in listed["items"]) == sorted([own, teams])
    assert api.client.get(f"{BASE}/cases/{teams}", headers=director).status_code == 200
    refused = api.client.get(f"{BASE}/cases/{other}", headers=director)
    assert refused.status_code == 403
    assert "X-Break-Glass-Reason" in refused.json()["detail"]
    too_short = api.client.get(
        f"{BASE}/cases/{other}", headers={**director, "X-Break-Glass-Reason": "x"}
    )
    assert too_short.status_code == 400
    # The OpenAPI document declares the rule: the header is named as every header is.
    assert too_short.json()["invalid_params"][0]["name"] == "x-break-glass-reason"
    reason = "acute call from the police, director unreachable"
    broken = api.client.get(
        f"{BASE}/cases/{other}", headers={**director, "X-Break-Glass-Reason": reason}
    )
    assert broken.status_code == 200
    last = rows(api)[-1]
    assert (last["case_id"], last["break_glass"], last["reason"]) == (other, True, reason)
    review = api.client.get(f"{BASE}/access-log/break-glass", headers=api.auth(Role.TEAM_LEAD))
    assert review.status_code == 200
    flagged = review.json()["items"]
    assert [(r["actor"], r["case_id"], r["reason"]) for r in flagged] == [
        ("case_director", other, reason)
    ]
    refusal = [r for r in rows(api) if r["case_id"] == other and r["outcome"] == "refused"]
    assert len(refusal) == 1 and refusal[0]["break_glass"] is False


def test_the_team_lead_reads_a_case_access_log(api: Api) -> None:
    case_id = api.directed_case()
    api.client.get(f"{BASE}/cases/{case_id}", headers=api.auth(Role.CARE_COORDINATOR))
    log = api.client.get(f"{BASE}/cases/{case_id}/access-log", headers=api.auth(Role.TEAM_LEAD))
    assert log.status_code == 200
    entries = log.json()["items"]
    assert ("care_coordinator", "read", "ok") in [
        (e["actor"], e["action"], e["outcome"]) for e in entries
    ]
    assert all(e["case_id"] == case_id for e in entries)


def test_a_subject_access_report_covers_every_case_of_the_person(api: Api) -> None:
    bsn = unique_bsn()
    first = api.register(bsn=bsn, name="Eva Jansen")
    second = api.register(bsn=bsn, name="Eva Jansen")  # the same person reported again
    unrelated = api.register()
    lead = api.auth(Role.TEAM_LEAD)
    for case_id in (first, second, unrelated):
        api.client.get(f"{BASE}/cases/{case_id}", headers=lead)
    answer = api.client.get(f"{BASE}/cases/{second}/subject-access-report", headers=lead)
    assert answer.status_code == 200
    report = answer.json()
    assert sorted(report["cases"]) == sorted([first, second])
    seen = {e["case_id"] for e in report["items"]}
    assert seen == {first, second}
    assert report["total"] == len(report["items"])


def test_breaking_the_glass_on_a_list_opens_the_region_and_flags_every_row(api: Api) -> None:
    own = api.directed_case("case_director")
    other = api.directed_case("someone_else")
    reason = "looking for the sibling of a client, named by the police"
    headers = api.auth(Role.CASE_DIRECTOR, **{"X-Break-Glass-Reason": reason})
    listed = api.client.get(f"{BASE}/cases", headers=headers).json()
    assert {own, other} <= {c["case_id"] for c in listed["items"]}
    flagged = [r for r in rows(api) if r["resource"] == "case_list"]
    assert flagged and all(r["break_glass"] and r["reason"] == reason for r in flagged)
    lead = api.auth(Role.TEAM_LEAD, **{"X-Break-Glass-Reason": reason})
    api.client.get(f"{BASE}/cases", headers=lead)
    assert not any(r["break_glass"] for r in rows(api) if r["actor"] == "team_lead")


def test_a_change_and_its_access_row_commit_together(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The row of a change is written in the change's own transaction: when writing it fails,
    the change is not made either, and no change is ever left without its row."""
    case_id = api.register()
    written = rows(api)[-1]
    assert (written["action"], written["case_id"], written["fields"]) == (
        "write",
        case_id,
        "report",
    )

    def broken_chain(*_: object) -> None:
        raise RuntimeError("access log unavailable")

    monkeypatch.setattr(access_chain, "append", broken_chain)
    note = {"kind": "note", "summary": "called"}
    lead = api.auth(Role.TEAM_LEAD)
    with pytest.raises(RuntimeError, match="access log unavailable"):
        api.client.post(f"{BASE}/cases/{case_id}/activities", json=note, headers=lead)
    monkeypatch.undo()

    assert api.app.queries.detail(case_id)["version"] == 1  # the activity was not recorded
    assert (
        api.client.post(f"{BASE}/cases/{case_id}/activities", json=note, headers=lead).status_code
        == 201
    )
    assert [(r["action"], r["case_id"], r["outcome"]) for r in rows(api)[-1:]] == [
        ("write", case_id, "ok")
    ]
