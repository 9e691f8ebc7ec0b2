"""`meldpunt retention ...` as a team lead types it: hold, release, list, remove, approve, run,
erase; refusals say why in Dutch; every action is in the access log."""

import json
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from adapters.bootstrap import App
from adapters.cli import context
from adapters.cli.main import app as cli
from adapters.db.tables import access_log, cases
from tests.conftest import unique_bsn
from tests.integration.retention_helpers import closed_case, propose
from workflow.access import Role

LEAD = ["--actor", "teun"]
NO_RECORDS = dict.fromkeys(
    ("advice_questions_deleted", "prevention_activities_deleted", "advice_texts_destroyed"), 0
)


def invoke(app: App, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    monkeypatch.setattr(context, "app", lambda long_running=False, as_json=False: app)
    return CliRunner().invoke(cli, ["retention", *args])


def ok(app: App, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    done = invoke(app, monkeypatch, *args, *LEAD, "--json")
    assert done.exit_code == 0, done.output
    return last_json(done.stdout)


def last_json(stdout: str) -> Any:
    """The command's JSON answer: its last line (the bus's log lines may come before it)."""
    return json.loads(stdout.strip().splitlines()[-1])


def test_a_team_lead_holds_lists_removes_approves_and_runs(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = closed_case(app, "Hanna Klipper", unique_bsn())
    taken_off = closed_case(app, "Tess Klipper", unique_bsn())
    gone = closed_case(app, "Yara Klipper", unique_bsn())
    ok(app, monkeypatch, "hold", held, "--reason", "strafzaak loopt nog bij het OM")
    list_id = propose(app)["list_id"]
    items = ok(app, monkeypatch, "list", list_id)
    assert {i["case_id"] for i in items} == {taken_off, gone}
    assert {i["rule"] for i in items} == {"default"}
    ok(app, monkeypatch, "remove", list_id, taken_off, "--reason", "politie vraagt dossier op")
    assert ok(app, monkeypatch, "approve", list_id)["approved_cases"] == 1
    done = invoke(app, monkeypatch, "run", *LEAD, "--json")
    assert done.exit_code == 0, done.output
    assert last_json(done.stdout) == {"anonymised": 1, **NO_RECORDS}
    assert "1 casussen geanonimiseerd, nog 0 te gaan" in done.stderr
    with app.engine.connect() as conn:
        actions = set(conn.execute(select(access_log.c.fields, access_log.c.actor)).all())
    assert ("place", "teun") in actions and (f"approve,{list_id}", "teun") in actions


def test_erasure_refused_in_dutch_and_an_intake_worker_refused(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    police = {"result": "referred_to_police", "reason": "aangifte gedaan bij de politie"}
    kept = closed_case(app, "Saar Klipper", unique_bsn(), police)
    done = invoke(app, monkeypatch, "erase", kept, "--reason", "verzoek van betrokkene", *LEAD)
    assert done.exit_code != 0
    assert "geweigerd" in done.output and "politie" in done.output
    app.users.add("iris", Role.INTAKE)
    done = invoke(app, monkeypatch, "approve", "x", "--actor", "iris")
    assert done.exit_code != 0
    with app.engine.connect() as conn:
        assert conn.execute(select(cases.c.anonymised_at)).scalars().all() == [None]
