"""Issue 14, section 1: a partner does not learn whether the Meldpunt knows a child.

A school's signal about a known child and one about an unknown child get the same answer
(status, body shape, headers but the ids); inside, the case's timeline or a record for the team
lead shows which it was, and the access log has a row for each with the subject key it matched
or the fact it matched none. Past its budget a partner token gets 429 with Retry-After, and the
team lead is told once."""

import json
from collections.abc import Iterator
from typing import Any
from uuid import uuid4

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from adapters.db.tables import access_log
from adapters.http.app import create_app
from adapters.partners.inbound import Outcome, PartnerInbound
from tests.conftest import make_settings
from tests.e2e.cli import Cli
from tests.integration.http.conftest import BASE, Api
from tests.integration.partners.test_rabbitmq import (  # noqa: F401  (the fixtures, reused)
    broker_app,
    consume,
    dead_letters,
    publish,
    vhost,
)
from workflow.access import Role

SCHOOL = "urn:nl:twente:scholen"
# What differs between any two answers whatever the partner sent.
VARYING = {"date", "x-request-id", "x-correlation-id"}


def signal(subject: dict[str, Any] | None = None, **data: Any) -> dict[str, Any]:
    return {
        "specversion": "1.0",
        "id": uuid4().hex,
        "source": SCHOOL,
        "type": "nl.meldpunt.signal",
        "data": {**({"subject": subject} if subject else {}), "signals": ["truancy"], **data},
    }


def person(name: str, born: str) -> dict[str, Any]:
    return {"name": name, "date_of_birth": born, "municipality": "Enschede"}


def known_and_unknown(api: Api) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """A case about a known child, and a child the Meldpunt does not know."""
    known = person(f"Bekend {uuid4().hex[:6]}", "2011-05-04")
    case_id = api.register(name=known["name"], date_of_birth=known["date_of_birth"])
    unknown = person(f"Onbekend {uuid4().hex[:6]}", "2011-05-04")
    return case_id, known, unknown


def partner_signal_rows(app: App) -> list[Any]:
    query = select(access_log).where(access_log.c.resource == "partner_signal")
    with app.engine.connect() as conn:
        return list(conn.execute(query.order_by(access_log.c.id)))


def team_lead_notes(app: App, kind: str) -> list[dict[str, Any]]:
    items, _ = app.notifications.page(["role:team_lead"], 100, 0)
    return [n for n in items if n["kind"] == kind]


def comparable(answer: Any) -> tuple[int, dict[str, str], dict[str, Any]]:
    headers = {k: v for k, v in answer.headers.items() if k.lower() not in VARYING}
    body = answer.json()
    return answer.status_code, headers, {**body, "key": type(body["key"]).__name__}


def test_a_known_and_an_unknown_child_get_the_same_answer(api: Api) -> None:
    case_id, known, unknown = known_and_unknown(api)
    post = api.client.post
    auth = api.auth(Role.PARTNER)
    about_known = post(f"{BASE}/partner-events", json=signal(known), headers=auth)
    about_unknown = post(f"{BASE}/partner-events", json=signal(unknown), headers=auth)
    assert about_known.status_code == 202, about_known.text
    assert comparable(about_known) == comparable(about_unknown)
    assert about_unknown.json()["outcome"] == "handled"
    # Inside the Meldpunt: the signal on the known child's case, the other kept for the lead.
    trail = api.app.queries.detail(case_id)["history"]
    assert [h["trigger"] for h in trail][-1] == "partner_signal"
    [note] = team_lead_notes(api.app, "partner_signal_unmatched")
    assert note["case_id"] == "" and note["details"]["partner"] == "school"
    assert unknown["name"] not in str(note)  # the unknown child's name is not kept


def test_a_case_id_the_meldpunt_does_not_know_gets_the_same_answer(api: Api) -> None:
    case_id, _, _ = known_and_unknown(api)
    auth = api.auth(Role.PARTNER)
    named = api.client.post(f"{BASE}/partner-events", json=signal(case_id=case_id), headers=auth)
    made_up = api.client.post(
        f"{BASE}/partner-events", json=signal(case_id=str(uuid4())), headers=auth
    )
    assert comparable(named) == comparable(made_up)
    assert named.status_code == 202


def test_each_signal_is_logged_with_the_subject_key_it_matched_or_none(api: Api) -> None:
    case_id, known, unknown = known_and_unknown(api)
    auth = api.auth(Role.PARTNER)
    for about in (known, unknown):
        answer = api.client.post(f"{BASE}/partner-events", json=signal(about), headers=auth)
        assert answer.status_code == 202
    matched, unmatched = partner_signal_rows(api.app)
    assert (matched.outcome, matched.case_id) == ("matched", case_id)
    assert matched.subject_key is not None
    assert (unmatched.outcome, unmatched.case_id) == ("unmatched", None)
    # The key the unknown child's name and birth date give: a later case can be found by it.
    assert unmatched.subject_key is not None and unmatched.subject_key != matched.subject_key
    assert (matched.actor, unmatched.actor) == ("partner:school", "partner:school")
    assert api.app.access_log.verify().intact


def test_a_repeated_unmatched_signal_is_a_duplicate_and_recorded_once(api: Api) -> None:
    _, _, unknown = known_and_unknown(api)
    body = signal(unknown)
    auth = api.auth(Role.PARTNER)
    first = api.client.post(f"{BASE}/partner-events", json=body, headers=auth)
    again = api.client.post(f"{BASE}/partner-events", json=body, headers=auth)
    assert (first.json()["outcome"], again.json()["outcome"]) == ("handled", "duplicate")
    assert len(team_lead_notes(api.app, "partner_signal_unmatched")) == 1
    assert len(partner_signal_rows(api.app)) == 1


def test_the_ingest_and_broker_path_answers_alike(app: App) -> None:
    """`meldpunt partner ingest` and the AMQP consumer both take events through PartnerInbound:
    a signal about nobody known is handled like one about a known child, never refused."""
    inbound = PartnerInbound(app.bus, app.partners)
    unknown = person("Niemand Bekend", "2010-02-03")
    result = inbound.handle(json.dumps(signal(unknown)), "school")
    assert (result.outcome, result.reason) == (Outcome.HANDLED, "")
    [row] = partner_signal_rows(app)
    assert row.outcome == "unmatched" and row.subject_key is not None


@pytest.fixture
def small_budget(database_url: str) -> Iterator[Api]:
    """The API with a partner budget of 3 events a minute."""
    application = bootstrap(make_settings(database_url, partner_signals_per_minute=3))
    upgrade(application.engine)
    tokens = {}
    for role in (Role.PARTNER, Role.INTAKE, Role.TEAM_LEAD):
        application.users.add(role.value, role, "school" if role is Role.PARTNER else None)
        tokens[role] = application.users.issue(role.value, 1).token
    with TestClient(create_app(application)) as client:
        yield Api(application, client, tokens)
    application.engine.dispose()


def test_past_its_budget_a_partner_gets_429_and_the_team_lead_is_told_once(
    small_budget: Api,
) -> None:
    api = small_budget
    auth = api.auth(Role.PARTNER)
    unknown = person("Niemand Bekend", "2010-02-03")
    answers = [
        api.client.post(f"{BASE}/partner-events", json=signal(unknown), headers=auth)
        for _ in range(5)
    ]
    assert [a.status_code for a in answers] == [202, 202, 202, 429, 429]
    over = answers[3]
    assert over.headers["content-type"] == "application/problem+json"
    assert int(over.headers["Retry-After"]) >= 1
    assert over.json()["status"] == 429
    [told] = team_lead_notes(api.app, "partner_over_budget")
    assert told["details"] == {"partner": "school", "limit": "3"}
    assert len(partner_signal_rows(api.app)) == 3  # the refused ones took nothing
    with api.app.engine.connect() as conn:
        refused = conn.execute(
            select(access_log.c.outcome).where(access_log.c.outcome == "over_budget")
        ).all()
    assert len(refused) == 2


def test_the_429_is_declared_with_retry_after(api: Api) -> None:
    document = api.client.get(f"{BASE}/openapi.json").json()
    answer = document["paths"]["/partner-events"]["post"]["responses"]["429"]
    assert "Retry-After" in answer["headers"]
    assert "budget" in answer["description"]


def test_partner_ingest_takes_a_signal_about_nobody_known(cli: Cli) -> None:
    line = json.dumps(signal(person("Niemand Bekend", "2010-02-03")))
    (cli.tmp / "events.jsonl").write_text(line + "\n")
    done = cli.run("partner", "ingest", "--file", "events.jsonl", "--json")
    summary = json.loads(done.stdout)
    assert (summary["handled"], summary["refused"], summary["lines"]) == (1, 0, [])


def test_the_broker_consumer_acknowledges_a_signal_about_nobody_known(
    broker_app: App,  # noqa: F811  (the fixture imported above)
) -> None:
    about_nobody = json.dumps(signal(person("Niemand Bekend", "2010-02-03")))
    publish(broker_app, "partner.school.nl.meldpunt.signal", about_nobody)
    consumer = consume(broker_app)
    assert consumer.outcomes == {"handled": 1}
    assert dead_letters(broker_app) == []
    [row] = partner_signal_rows(broker_app)
    assert row.outcome == "unmatched"
