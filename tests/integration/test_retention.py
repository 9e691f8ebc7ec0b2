"""Retention: a case gets its archive terms at closing, is listed when its date passes, approved
and anonymised; afterwards no dump of the database holds the person, in clear or decryptable."""

from datetime import timedelta

from sqlalchemy import select

from adapters.bootstrap import App
from adapters.db.tables import cases
from tests.conftest import new_report, unique_bsn
from tests.integration.helpers import fire, register
from tests.integration.retention_helpers import (
    LATER,
    RATIONALE,
    approve,
    closed_case,
    decryptable,
    dump,
    propose,
    run,
)
from workflow.access import AccessEntry


def archive_row(app: App, case_id: str) -> dict[str, object]:
    with app.engine.connect() as conn:
        row = conn.execute(select(cases).where(cases.c.id == case_id)).mappings().one()
    return dict(row)


def test_closing_sets_the_archive_terms_and_reopening_clears_them(app: App) -> None:
    case_id = closed_case(app, "Lotte Bewaartermijn", unique_bsn())
    row = archive_row(app, case_id)
    assert row["archive_nomination"] == "vernietigen"
    assert row["archive_status"] == "nog_te_archiveren"
    assert row["retention_rule"] == "default"
    closed_on = row["updated_at"].date()  # type: ignore[attr-defined]
    assert row["archive_action_date"] >= closed_on + timedelta(days=7 * 365)  # type: ignore[operator]
    shown = app.queries.detail(case_id)
    assert (shown["archiefnominatie"], shown["archiefstatus"]) == (
        "vernietigen",
        "nog_te_archiveren",
    )
    assert shown["archiefactiedatum"] == row["archive_action_date"].isoformat()  # type: ignore[attr-defined]
    assert shown["legal_hold"] is False
    fire(app, case_id, "reopen", {"reason": "nieuwe signalen van school ontvangen"})
    row = archive_row(app, case_id)
    assert row["archive_action_date"] is None and row["archive_nomination"] is None


def test_a_case_past_its_date_is_listed_approved_and_anonymised(
    app: App, database_url: str
) -> None:
    bsn = unique_bsn()
    name = "Fenneke Vernietigbaar"
    case_id = closed_case(app, name, bsn)
    kept = closed_case(app, "Iris Blijftbewaard", unique_bsn())
    assert propose(app, LATER - timedelta(days=365 * 29))["listed"] == 0  # not yet due
    listed = propose(app)
    assert listed["listed"] == 2
    approve(app, listed["list_id"])
    assert run(app, size=1) == 2  # two batches of one
    assert propose(app)["listed"] == 0  # idempotent: nothing new to list
    assert run(app) == 0
    row = archive_row(app, case_id)
    assert row["anonymised_at"] is not None and row["subject_key"] is None
    assert row["archive_status"] == "gearchiveerd"
    assert row["municipality"] == "Enschede" and row["closing_result"] == "no_exploitation_found"
    assert archive_row(app, kept)["anonymised_at"] is not None
    raw = dump(app, database_url)
    assert case_id.encode() in raw
    readable = decryptable(app, raw)
    for secret in (name, "Fenneke", bsn, "J. de Vries", RATIONALE, "free text"):
        assert secret.encode() not in raw, f"{secret!r} in the dump"
        assert secret not in readable, f"{secret!r} decryptable from the dump"


def test_a_new_report_about_the_same_person_is_not_linked(app: App) -> None:
    bsn = unique_bsn()
    first = closed_case(app, "Sanne Eerstemelding", bsn)
    again = register(app, new_report(name="Sanne Eerstemelding", bsn=bsn))
    assert any(
        link["case_id"] == first for link in app.queries.detail(again.case_id)["linked_cases"]
    )
    approve(app, propose(app)["list_id"])
    run(app)
    third = register(app, new_report(name="Sanne Eerstemelding", bsn=bsn))
    links = app.queries.detail(third.case_id)["linked_cases"]
    assert first not in {link["case_id"] for link in links}


def test_the_figures_over_the_period_are_unchanged(app: App) -> None:
    for n in range(3):
        closed_case(app, f"Figuur Persoon{n}", unique_bsn())
    register(app)  # an open case alongside
    before = app.statistics.counts(threshold=1)
    approve(app, propose(app)["list_id"])
    assert run(app) == 3
    assert app.statistics.counts(threshold=1) == before
    with app.engine.connect() as conn:
        rows = conn.execute(select(cases.c.age_at_report, cases.c.received_at)).all()
    assert all(r.age_at_report is not None and r.received_at is not None for r in rows)


def test_the_access_report_of_a_new_case_leaves_out_the_anonymised_one(app: App) -> None:
    bsn = unique_bsn()
    first = closed_case(app, "Dewi Toegangslog", bsn)
    read = AccessEntry("teun", "team_lead", "cli:test", "read", "case", "ok", case_id=first)
    app.access_log.record([read])  # a row with the person's subject key
    approve(app, propose(app)["list_id"])
    run(app)
    again = register(app, new_report(name="Dewi Toegangslog", bsn=bsn))
    rows, _, case_ids = app.access_log.for_subject_of(again.case_id, 100, 0)
    assert case_ids == [again.case_id]
    assert first not in {row["case_id"] for row in rows}
