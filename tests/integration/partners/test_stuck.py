"""A disclosure still pending past MELDPUNT_DISCLOSURE_STUCK_MINUTES is said to the team lead,
once, by the scheduled job (twice run, or run at the same time, it tells once), and
`meldpunt partner disclosures --stuck` lists the stuck ones across cases without personal data."""

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from adapters.bootstrap import App, bootstrap
from adapters.cli import context
from adapters.cli.main import app as cli
from adapters.db.migrate import upgrade
from adapters.partners.delivery import PartnerDelivery
from adapters.scheduler.jobs import JOBS
from tests.conftest import REPORT, ManualClock, make_settings, with_people
from tests.integration.helpers import fire, notifications_for, register
from tests.integration.partners.conftest import Receiver
from workflow.report import Report

STEPS = [
    ("assess_risk", {"level": "acute", "indicators": ["runs_away"], "rationale": "r"}),
    ("start_case_direction", {"case_director": "anna", "plan": "p"}),
    ("scale_down", {"local_team": "Wijkteam Zuid", "handover": "overdracht"}),
]


@pytest.fixture
def stuck_app(database_url: str, receiver: Receiver) -> Iterator[tuple[App, ManualClock, str]]:
    """Police and CoMensha have no channel (embedded, no webhook): their disclosures wait; the
    local team's webhook takes its message."""
    clock = ManualClock()
    settings = make_settings(database_url, partner_webhooks={"local_team": receiver.url})
    app = bootstrap(settings, clock=clock)
    upgrade(app.engine)
    with_people(app)
    case_id = register(app, Report.parse(REPORT)).case_id
    for trigger, data in STEPS:
        fire(app, case_id, trigger, data)
    app.dispatcher.drain()
    assert PartnerDelivery(app.deliveries, settings, app.partner_channels).deliver_once() == 1
    yield app, clock, case_id
    app.engine.dispose()


def alerts(app: App) -> list[dict[str, object]]:
    told = notifications_for(app, "role:team_lead")
    return [n for n in told if n["kind"] == "disclosure_stuck"]


def sweep(app: App, clock: ManualClock) -> int:
    flagged: int = JOBS["stuck_disclosures"].run(app, clock())["flagged"]
    return flagged


def test_a_disclosure_pending_past_the_stuck_time_is_said_once(
    stuck_app: tuple[App, ManualClock, str],
) -> None:
    app, clock, case_id = stuck_app
    start = clock.now
    clock.now = start + timedelta(minutes=59)
    assert sweep(app, clock) == 0
    clock.now = start + timedelta(minutes=61)
    assert sweep(app, clock) == 2  # police and CoMensha; the local team's went out
    assert sweep(app, clock) == 0
    clock.now = start + timedelta(days=40)
    JOBS["housekeeping"].run(app, clock.now)  # the handled-message rows are pruned by then
    assert sweep(app, clock) == 0
    told = alerts(app)
    assert sorted(n["details"]["partner"] for n in told) == ["comensha", "police"]
    assert {n["case_id"] for n in told} == {case_id}
    assert "Fenna" not in str(told) and "overdracht" not in str(told)


def test_sweeps_at_the_same_moment_tell_each_stuck_disclosure_once(
    stuck_app: tuple[App, ManualClock, str],
) -> None:
    app, clock, _ = stuck_app
    clock.now += timedelta(hours=2)
    with ThreadPoolExecutor(4) as pool:
        flagged = list(pool.map(lambda _: sweep(app, clock), range(4)))
    assert sum(flagged) == 2
    assert len(alerts(app)) == 2


def cli_json(app: App, monkeypatch: pytest.MonkeyPatch, *args: str) -> object:
    monkeypatch.setattr(context, "app", lambda long_running=False: app)
    done = CliRunner().invoke(cli, ["partner", "disclosures", *args, "--json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def test_the_stuck_ones_are_listed_across_cases_without_personal_data(
    stuck_app: tuple[App, ManualClock, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, clock, case_id = stuck_app
    assert cli_json(app, monkeypatch, "--stuck") == []  # not stuck yet
    clock.now += timedelta(minutes=61)
    listed = cli_json(app, monkeypatch, "--stuck")
    assert isinstance(listed, list)
    assert [(d["partner"], d["event_type"], d["case_id"]) for d in listed] == [
        ("police", "AcuteRiskDetected", case_id),
        ("comensha", "CaseDirectionStarted", case_id),
    ]
    assert set(listed[0]) == {
        "partner",
        "event_type",
        "case_id",
        "created_at",
        "attempts",
        "last_error",
    }
    assert "Fenna" not in json.dumps(listed)
    per_case = cli_json(app, monkeypatch, case_id, "--actor", "teun")
    assert isinstance(per_case, list) and len(per_case) == 3


def test_the_listing_needs_a_case_or_stuck(
    stuck_app: tuple[App, ManualClock, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _, case_id = stuck_app
    monkeypatch.setattr(context, "app", lambda long_running=False: app)
    for args in ([], [case_id, "--stuck"]):
        done = CliRunner().invoke(cli, ["partner", "disclosures", *args])
        assert done.exit_code == 2
