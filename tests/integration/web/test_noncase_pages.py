"""Advice questions and prevention activities in the web app on both databases: recorded
through the form (every problem at its field, nothing recorded), shown, turned into a report
linked both ways, marked held; every read and write in the access log; roles refused."""

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from adapters.bootstrap import App
from adapters.db.tables import access_log, advice_questions, prevention_activities
from tests.integration.web.test_pages import signed_in
from workflow.access import Role


def token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


def count(app: App, table: object) -> int:
    with app.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


ADVICE = {
    "asked_on": "2026-11-02",
    "channel": "phone",
    "organisation": "Het Stedelijk Lyceum",
    "professional": "teacher",
    "municipality": "Enschede",
    "topics": ["sexual", "runs_away"],
    "advice": "Bespreek het met de zorgcoördinator en meld bij twijfel.",
    "minutes": "25",
}


def test_record_an_advice_question_and_turn_it_into_a_report(app: App) -> None:
    intake = signed_in(app, "iris", Role.INTAKE)
    bad = {**ADVICE, "minutes": "veel", "municipality": "", "topics": []}
    refused = intake.post(
        "/adviesvragen/nieuw", data={**bad, "csrf_token": token(intake, "/adviesvragen/nieuw")}
    )
    assert refused.status_code == 400
    for field in ("minutes", "municipality", "topics"):
        assert f'id="fout-{field}"' in refused.text, field
    assert 'value="Het Stedelijk Lyceum"' in refused.text and count(app, advice_questions) == 0
    saved = intake.post(
        "/adviesvragen/nieuw",
        data={**ADVICE, "csrf_token": token(intake, "/adviesvragen/nieuw")},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    shown = intake.get(saved.headers["location"])
    assert "Het Stedelijk Lyceum" in shown.text
    assert "Melding maken van deze adviesvraag" in shown.text
    advice_id = saved.headers["location"].split("/")[2].split("?")[0]
    assert advice_id in intake.get("/adviesvragen").text
    form = intake.get(f"/adviesvragen/{advice_id}/melding").text
    assert f'action="/adviesvragen/{advice_id}/melding"' in form
    assert 'value="Enschede"' in form  # the municipality filled in from the question
    report = {
        "csrf_token": token(intake, f"/adviesvragen/{advice_id}/melding"),
        "received_at": "2026-11-03T10:00",
        "channel": "phone",
        "reporter.kind": "professional",
        "reporter.organisation": "Het Stedelijk Lyceum",
        "subject.name": "Lotte Testpersoon",
        "subject.date_of_birth": "2010-04-01",
        "subject.municipality": "Enschede",
        "subject.sex": "female",
        "exploitation_forms": "sexual",
        "description": "Leerling verzuimt, dure spullen, oudere vriend.",
    }
    made = intake.post(f"/adviesvragen/{advice_id}/melding", data=report, follow_redirects=False)
    assert made.status_code == 303, made.text
    case_id = made.headers["location"].split("/")[2].split("?")[0]
    linked = intake.get(f"/adviesvragen/{advice_id}").text
    assert f'href="/casus/{case_id}"' in linked and "Melding maken van" not in linked
    again = {**report, "csrf_token": token(intake, f"/adviesvragen/{advice_id}")}
    assert intake.post(f"/adviesvragen/{advice_id}/melding", data=again).status_code == 400
    c = access_log.c
    with app.engine.connect() as conn:
        rows = conn.execute(
            select(c.action, c.resource, c.outcome).where(c.actor == "iris").order_by(c.id)
        ).all()
    assert ("write", "advice_question", "ok") in [tuple(r) for r in rows]
    assert ("read", "advice_question", "ok") in [tuple(r) for r in rows]


def test_record_an_activity_and_mark_it_held(app: App) -> None:
    director = signed_in(app, "anna", Role.CASE_DIRECTOR)
    activity = {
        "on": "2026-10-01",
        "municipality": "Hengelo",
        "kind": "school_lesson",
        "audience": "pupils",
        "participants": "28",
        "hours": "1,5",
        "partners": "GGD Twente, Jongerenwerk",
    }
    bad = {**activity, "hours": "0", "kind": ""}
    refused = director.post(
        "/preventie/nieuw", data={**bad, "csrf_token": token(director, "/preventie/nieuw")}
    )
    assert refused.status_code == 400 and 'id="fout-hours"' in refused.text
    assert 'id="fout-kind"' in refused.text and count(app, prevention_activities) == 0
    saved = director.post(
        "/preventie/nieuw",
        data={**activity, "csrf_token": token(director, "/preventie/nieuw")},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    where = saved.headers["location"].split("?")[0]
    shown = director.get(where).text
    assert "GGD Twente, Jongerenwerk" in shown and "gepland" in shown
    held = director.post(
        f"{where}/gehouden",
        data={"participants": "31", "csrf_token": token(director, where)},
        follow_redirects=False,
    )
    assert held.status_code == 303, held.text
    after = director.get(where).text
    assert "gehouden" in after and "31" in after and "Markeren als gehouden" not in after
    assert "/preventie/" in director.get("/preventie").text


def test_an_analyst_may_not_record(app: App) -> None:
    analyst = signed_in(app, "ans", Role.ANALYST)
    assert analyst.get("/adviesvragen/nieuw").status_code == 403
    assert analyst.get("/preventie").status_code == 403
    assert 'href="/adviesvragen"' not in analyst.get("/cijfers").text


def test_the_team_lead_reads_and_the_case_director_may_not_make_a_report(app: App) -> None:
    director = signed_in(app, "anna", Role.CASE_DIRECTOR)
    saved = director.post(
        "/adviesvragen/nieuw",
        data={**ADVICE, "csrf_token": token(director, "/adviesvragen/nieuw")},
        follow_redirects=False,
    )
    where = saved.headers["location"].split("?")[0]
    assert "Melding maken van" not in director.get(where).text  # registering is intake's
    assert director.get(f"{where}/melding").status_code == 403
    lead = signed_in(app, "teun", Role.TEAM_LEAD)
    listed = lead.get("/adviesvragen").text
    assert where in listed and "/adviesvragen/nieuw" not in listed
    assert "Het Stedelijk Lyceum" in lead.get(where).text
