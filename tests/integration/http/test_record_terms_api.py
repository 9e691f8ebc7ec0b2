"""The retention run in the API also takes the non-case records past their term, in the access
log under the team lead's name (docs/retention.md#non-case-records)."""

from sqlalchemy import select

from adapters.db.tables import access_log, advice_questions
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role
from workflow.noncase_commands import RecordAdviceQuestion

FORM = {
    "asked_on": "2019-05-10",
    "channel": "email",
    "organisation": "Wijkteam Hengelo",
    "professional": "youth_worker",
    "municipality": "Hengelo",
    "topics": ["labour"],
    "advice": "Neem contact op met de jeugdarts over de signalen.",
    "minutes": 40,
}


def test_a_run_destroys_an_old_advice_text_and_says_so(api: Api) -> None:
    api.app.bus.handle(RecordAdviceQuestion(actor="anna", advice=FORM))
    lead = api.auth(Role.TEAM_LEAD)
    done = api.client.post(f"{BASE}/retention/runs", headers=lead)
    assert done.status_code == 200, done.text
    assert done.json()["records"] == {
        "advice_questions_deleted": 0,
        "prevention_activities_deleted": 0,
        "advice_texts_destroyed": 1,
    }
    again = api.client.post(f"{BASE}/retention/runs", headers=lead).json()
    assert again["records"]["advice_texts_destroyed"] == 0
    with api.app.engine.connect() as conn:
        kept = conn.execute(select(advice_questions)).mappings().one()
        logged = conn.execute(
            select(access_log.c.actor).where(access_log.c.fields.like("destroy_text%"))
        ).scalars()
        assert list(logged) == [Role.TEAM_LEAD.value]
    assert (kept["organisation"], kept["municipality"], kept["minutes"]) == ("", "Hengelo", 40)
