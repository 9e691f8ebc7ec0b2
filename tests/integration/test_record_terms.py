"""The non-case records' own terms (docs/retention.md#non-case-records), on SQLite and
PostgreSQL: the `retention` job removes advice questions and prevention activities whole years
after their term, destroys an advice question's free text after its shorter term (or when the
case it led to is anonymised) while its countable fields stay, batch by batch with an access-log
row each; twice is the same as once, and the counts over the periods kept do not change."""

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from adapters.bootstrap import App
from adapters.db.noncase_counts import NonCaseCounts, Period
from adapters.db.tables import access_log, advice_questions, cases, prevention_activities
from adapters.record_run import prune_noncase_records
from config.reference import load_reference
from tests.conftest import report_data, unique_bsn
from tests.integration.helpers import fire
from tests.integration.retention_helpers import CLOSE, RATIONALE, approve, job, propose, run
from tests.integration.test_retention_cli import invoke, last_json
from tests.integration.web.test_pages import signed_in
from workflow.access import Role
from workflow.calendar import AMSTERDAM
from workflow.noncase_commands import (
    RecordAdviceQuestion,
    RecordPreventionActivity,
    TurnAdviceIntoReport,
)
from workflow.record_store import RecordBatch, RecordStep
from workflow.retention_commands import LiftLegalHold, PlaceLegalHold

# On 1 March 2027 (the default terms: text 5 years after asked, records 10 full calendar years
# after their year): 2016 goes, 2017 stays; texts asked on or before 1 March 2022 go.
NOW = datetime(2027, 3, 1, 12, tzinfo=AMSTERDAM)
SECRET = "Het meisje uit klas 3b van de Bonhoeffer moet met de mentor praten"


def advise(app: App, on: str, organisation: str = "Bonhoeffer College") -> str:
    form = {
        "asked_on": on,
        "channel": "phone",
        "organisation": organisation,
        "professional": "teacher",
        "municipality": "Enschede",
        "topics": ["sexual", "runs_away"],
        "advice": SECRET,
        "minutes": 25,
    }
    question = app.bus.handle(RecordAdviceQuestion(actor="anna", advice=form))
    return str(question.id)


def activity(app: App, on: str) -> str:
    form: dict[str, Any] = {
        "on": on,
        "municipality": "Almelo",
        "kind": "school_lesson",
        "audience": "pupils",
        "participants": 28,
        "partners": ["GGD Twente"],
        "hours": 1.5,
        "held": True,
    }
    return str(app.bus.handle(RecordPreventionActivity(actor="anna", activity=form)).id)


def rows(app: App, table: Any) -> dict[str, dict[str, Any]]:
    with app.engine.connect() as conn:
        return {row["id"]: dict(row) for row in conn.execute(select(table)).mappings()}


def figures(app: App) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    counts = NonCaseCounts(app.engine)
    names = load_reference().municipality_names()
    start, end = date(2016, 1, 1), date(2026, 12, 31)
    return (
        counts.advice(names, Period.YEAR, start, end),
        counts.activities(names, Period.YEAR, start, end),
    )


def of_year(found: list[dict[str, Any]], year: str) -> list[dict[str, Any]]:
    return [row for row in found if row["period"] == year]


@pytest.fixture
def records(app: App) -> dict[str, str]:
    return {
        "advice_2016": advise(app, "2016-12-31"),
        "advice_2022": advise(app, "2022-03-01"),
        "advice_2022_later": advise(app, "2022-03-02"),
        "activity_2016": activity(app, "2016-12-31"),
        "activity_2017": activity(app, "2017-01-01"),
    }


def test_records_past_their_term_go_and_those_within_stay(
    app: App, records: dict[str, str]
) -> None:
    before_advice, before_activities = figures(app)
    done = job(app, NOW)
    assert (
        done["advice_questions_deleted"],
        done["prevention_activities_deleted"],
        done["advice_texts_destroyed"],
    ) == (1, 1, 1)
    advice, activities = rows(app, advice_questions), rows(app, prevention_activities)
    assert set(advice) == {records["advice_2022"], records["advice_2022_later"]}
    assert set(activities) == {records["activity_2017"]}
    destroyed, kept = advice[records["advice_2022"]], advice[records["advice_2022_later"]]
    assert destroyed["organisation"] == "" and app.cipher.decrypt(destroyed["advice"]) == ""
    assert kept["organisation"] == "Bonhoeffer College"
    assert app.cipher.decrypt(kept["advice"]) == SECRET
    countable = ("asked_on", "channel", "professional", "municipality", "topics", "minutes")
    assert [destroyed[c] for c in countable] == [
        date(2022, 3, 1),
        "phone",
        "teacher",
        "Enschede",
        "sexual,runs_away",
        25,
    ]
    after_advice, after_activities = figures(app)
    # Every year kept counts the same as before; the year past its term counts nothing.
    for year in [str(y) for y in range(2017, 2027)]:
        assert of_year(after_advice, year) == of_year(before_advice, year)
        assert of_year(after_activities, year) == of_year(before_activities, year)
    assert of_year(before_advice, "2016") != of_year(after_advice, "2016")
    assert all(row["advice_questions"] == 0 for row in of_year(after_advice, "2016"))
    assert all(row["held"] == 0 for row in of_year(after_activities, "2016"))


def test_twice_is_the_same_as_once(app: App, records: dict[str, str]) -> None:
    job(app, NOW)
    advice, activities = rows(app, advice_questions), rows(app, prevention_activities)
    again = job(app, NOW)
    assert (
        again["advice_questions_deleted"],
        again["prevention_activities_deleted"],
        again["advice_texts_destroyed"],
    ) == (0, 0, 0)
    assert rows(app, advice_questions) == advice
    assert rows(app, prevention_activities) == activities


def test_batch_by_batch_with_an_access_log_row_each(app: App) -> None:
    old = [advise(app, "2019-05-10") for _ in range(3)]
    batches: list[RecordBatch] = []
    done = prune_noncase_records(app.bus, NOW, size=2, on_batch=batches.append)
    assert done["advice_texts_destroyed"] == 3
    assert [(b.step, b.done, b.remaining) for b in batches] == [
        (RecordStep.ADVICE_TEXT_DESTROYED, 2, 1),
        (RecordStep.ADVICE_TEXT_DESTROYED, 1, 0),
    ]
    with app.engine.connect() as conn:
        logged = conn.execute(
            select(access_log.c.fields, access_log.c.actor, access_log.c.case_id).where(
                access_log.c.resource == "advice_question", access_log.c.action == "write"
            )
        ).all()
    batch_rows = [row for row in logged if row.fields.startswith("destroy_text")]
    assert len(batch_rows) == 2 and all(row.actor == "scheduler" for row in batch_rows)
    named = {part for row in batch_rows for part in row.fields.split(",")}
    assert {f"id:{record_id}" for record_id in old} <= named
    assert app.access_log.verify().intact


def test_an_anonymised_case_takes_its_advice_questions_text_with_it(app: App) -> None:
    question = advise(app, "2026-11-02")
    report = report_data(name="Lotte Advies", bsn=unique_bsn())
    ref = app.bus.handle(TurnAdviceIntoReport(actor="intake", advice_id=question, report=report))
    assess = {"level": "elevated", "indicators": ["runs_away"], "rationale": RATIONALE}
    fire(app, ref.case_id, "assess_risk", assess)
    fire(app, ref.case_id, "close", CLOSE)
    assert job(app, NOW)["advice_texts_destroyed"] == 0  # the case is not anonymised yet
    assert approve(app, propose(app)["list_id"]) == 1
    assert run(app) == 1
    assert job(app, NOW)["advice_texts_destroyed"] == 1
    kept = rows(app, advice_questions)[question]
    assert kept["organisation"] == "" and app.cipher.decrypt(kept["advice"]) == ""
    assert kept["case_id"] == ref.case_id and kept["led_to_report"]
    with app.engine.connect() as conn:
        assert conn.execute(select(cases.c.anonymised_at)).scalar_one() is not None


def test_the_command_line_run_does_it_too(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    advise(app, "2019-05-10")
    done = invoke(app, monkeypatch, "run", "--actor", "teun", "--json")
    assert done.exit_code == 0, done.output
    assert last_json(done.stdout)["advice_texts_destroyed"] == 1
    assert "1 adviesteksten vernietigd (telbare gegevens bewaard), nog 0 te gaan" in done.stderr
    with app.engine.connect() as conn:
        actors = conn.execute(
            select(access_log.c.actor).where(access_log.c.fields.like("destroy_text%"))
        ).scalars()
        assert list(actors) == ["teun"]


def test_a_destroyed_text_says_so_in_the_web_application(app: App) -> None:
    question = advise(app, "2019-05-10")
    job(app, NOW)
    intake = signed_in(app, "iris", Role.INTAKE)
    shown = intake.get(f"/adviesvragen/{question}")
    assert shown.status_code == 200
    assert shown.text.count("vernietigd na de bewaartermijn") == 2
    assert SECRET not in shown.text and "Bonhoeffer" not in shown.text


def test_a_legal_hold_on_the_case_keeps_its_advice_question(app: App) -> None:
    question = advise(app, "2016-05-10")
    report = report_data(name="Mila Bewaard", bsn=unique_bsn())
    ref = app.bus.handle(TurnAdviceIntoReport(actor="intake", advice_id=question, report=report))
    hold = PlaceLegalHold(actor="teun", case_id=ref.case_id, reason="strafzaak tegen de pooier")
    app.bus.handle(hold)
    assert sum(prune_noncase_records(app.bus, NOW).values()) == 0
    kept = rows(app, advice_questions)[question]
    assert app.cipher.decrypt(kept["advice"]) == SECRET
    lift = LiftLegalHold(actor="teun", case_id=ref.case_id, reason="vonnis is onherroepelijk")
    app.bus.handle(lift)
    assert prune_noncase_records(app.bus, NOW)["advice_questions_deleted"] == 1
    assert rows(app, advice_questions) == {}
