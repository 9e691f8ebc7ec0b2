"""/metrics: the promised figures, from real work through the API, the dispatcher and the
scheduler's jobs, on both databases; and no personal data anywhere in it."""

from datetime import UTC, datetime

from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select, update

from adapters.db.tables import access_log, cases
from adapters.scheduler.runner import build_scheduler
from tests.integration.http.conftest import ASSESS_HIGH, Api
from workflow.access import Role

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(api: Api) -> tuple[str, Samples]:
    answer = api.client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    samples: Samples = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return answer.text, samples


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_work_done_shows_in_the_metrics_without_personal_data(api: Api) -> None:
    _, before = scrape(api)
    case_id = api.register(name="Metrica Testpersoon")
    api.fire(case_id, "assess_risk", ASSESS_HIGH)
    refused = api.client.post(
        f"/api/v1/cases/{case_id}/transitions",
        json={"trigger": "close", "data": {}},
        headers=api.auth(Role.TEAM_LEAD),
    )
    assert refused.status_code >= 400
    pending = api.app.outbox.status()["pending"]
    text, after = scrape(api)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("meldpunt_commands_total", command="RegisterReport", outcome="ok") == 1
    assert grew("meldpunt_commands_total", command="FireTrigger", outcome="ok") == 1
    assert grew("meldpunt_command_duration_seconds_count", command="RegisterReport") == 1
    route = "/api/v1/cases/{case_id}/transitions"
    assert grew("meldpunt_http_requests_total", method="POST", route=route, status="200") == 1
    assert (
        grew("meldpunt_http_requests_total", method="POST", route="/api/v1/reports", status="201")
        == 1
    )
    assert grew("meldpunt_http_request_duration_seconds_count", method="POST", route=route) == 2
    # Gauges read from the database at the scrape.
    assert value(after, "meldpunt_outbox_events", status="pending") == pending > 0
    assert value(after, "meldpunt_outbox_events", status="dead") == 0
    with api.app.engine.connect() as conn:
        logged = conn.execute(select(func.count()).select_from(access_log)).scalar_one()
    assert value(after, "meldpunt_access_log_rows") == logged > 0
    assert sum(v for (n, _), v in after.items() if n == "meldpunt_overdue_cases") == 0
    assert value(after, "meldpunt_stuck_disclosures") == 0
    # Ids and names never: not the case id, not the person, not a path with an id in it.
    assert case_id not in text and "Metrica" not in text

    with api.app.engine.begin() as conn:  # its deadline passes
        kind = conn.execute(select(cases.c.deadline_kind).where(cases.c.id == case_id)).scalar()
        conn.execute(
            update(cases)
            .where(cases.c.id == case_id)
            .values(deadline_at=datetime(2026, 1, 1, tzinfo=UTC))
        )
    assert value(scrape(api)[1], "meldpunt_overdue_cases", kind=kind or "none") == 1

    api.app.dispatcher.drain()
    _, drained = scrape(api)
    handled = {
        labels: v - value(after, n, **dict(labels))
        for (n, labels), v in drained.items()
        if n == "meldpunt_events_handled_total"
    }
    received = [
        labels for labels, v in handled.items() if ("event_type", "ReportReceived") in labels
    ]
    assert received and all(("outcome", "ok") in labels for labels in received)
    assert value(drained, "meldpunt_outbox_events", status="pending") == 0


def test_a_path_no_route_knows_is_counted_without_its_text(api: Api) -> None:
    api.client.get("/api/v1/nothing-here-0123")
    text, samples = scrape(api)
    assert "nothing-here" not in text
    assert (
        value(
            samples, "meldpunt_http_requests_total", method="GET", route="unmatched", status="404"
        )
        >= 1
    )


def test_job_runs_are_counted_and_timed(api: Api) -> None:
    _, before = scrape(api)
    scheduler = build_scheduler(api.app)
    job = scheduler.get_job("stalled_sweep")
    job.func()
    _, after = scrape(api)
    runs = value(after, "meldpunt_job_runs_total", job="stalled_sweep", outcome="ok")
    assert runs - value(before, "meldpunt_job_runs_total", job="stalled_sweep", outcome="ok") == 1
    timed = "meldpunt_job_duration_seconds_count"
    assert value(after, timed, job="stalled_sweep") - value(before, timed, job="stalled_sweep") == 1
