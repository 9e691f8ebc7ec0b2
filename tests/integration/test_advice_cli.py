"""`meldpunt advice ...` and `meldpunt activities ...` on a real database (SQLite and
PostgreSQL): the same gate, checks and access log as the API, --json on every command, lists
paged, the exit codes of the other commands."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from adapters.bootstrap import App
from adapters.cli import context
from adapters.cli.errors import ExitCode
from adapters.cli.main import app as cli
from adapters.db.tables import access_log
from tests.conftest import report_data
from workflow.access import Role


@pytest.fixture
def run(app: App, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setattr(context, "app", lambda long_running=False, as_json=False: app)
    app.users.add("iris", Role.INTAKE)
    app.users.add("alma", Role.ANALYST)

    def invoke(*args: str, actor: str = "iris") -> Result:
        return CliRunner().invoke(cli, [*args, "--actor", actor])

    yield invoke


def out(done: Result) -> Any:
    assert done.exit_code == 0, done.output
    # the last line: structlog, not configured here, prints its lines to stdout before it
    return json.loads(done.stdout.strip().splitlines()[-1])


ADD = (
    "advice", "add", "--asked-on", "2026-10-30", "--channel", "email",
    "--organisation", "ROC van Twente", "--professional", "school_care",
    "--municipality", "hof v. twente", "--topic", "sexual,runs_away",
    "--advice", "Ask the mentor to keep an eye on her.", "--minutes", "15",
)  # fmt: skip


def test_advice_add_list_show_and_to_report(run: Any, tmp_path: Path) -> None:
    made = out(run(*ADD, "--json"))
    assert (made["municipality"], made["topics"]) == ("Hof van Twente", ["sexual", "runs_away"])
    advice_id = made["advice_id"]
    listed = out(run("advice", "list", "--json", actor="teun"))
    assert [q["advice_id"] for q in listed] == [advice_id]
    shown = out(run("advice", "show", advice_id, "--json", actor="anna"))
    assert shown["advice"] == "Ask the mentor to keep an eye on her."
    table = run("advice", "list")
    assert table.exit_code == 0 and "Hof van Twente" in table.stdout
    report = tmp_path / "report.json"
    report.write_text(json.dumps(report_data()), encoding="utf-8")
    linked = out(run("advice", "to-report", advice_id, "--file", str(report), "--json"))
    back = out(run("advice", "list", "--case", linked["case_id"], "--json"))
    assert [(q["advice_id"], q["led_to_report"]) for q in back] == [(advice_id, True)]


def test_a_list_says_when_there_is_more(run: Any) -> None:
    for _ in range(3):
        out(run(*ADD, "--json"))
    done = run("advice", "list", "--limit", "2", "--json")
    assert len(out(done)) == 2
    assert "--offset 2" in done.stderr


def test_bad_input_refused_roles_and_unknown_records(run: Any) -> None:
    bad = run("advice", "add", "--municipality", "Zwolle", "--minutes", "0", "--json")
    assert bad.exit_code == ExitCode.BAD_INPUT
    fields = {p["field"] for p in json.loads(bad.stderr.strip().splitlines()[-1])["problems"]}
    # the form's own problems first; the municipality is checked on a well-formed form
    assert fields == {"asked_on", "channel", "organisation", "professional", "topics", "advice"} | {
        "minutes"
    }
    zwolle = run(*ADD, "--municipality", "Zwolle", "--json")
    assert zwolle.exit_code == ExitCode.BAD_INPUT
    assert "Zwolle" in zwolle.stderr
    refused = run(*ADD, "--json", actor="alma")
    assert refused.exit_code == ExitCode.NOT_ALLOWED
    assert run("activities", "list", actor="alma").exit_code == ExitCode.NOT_ALLOWED
    missing = "00000000-0000-4000-8000-000000000000"
    assert run("advice", "show", missing, "--json").exit_code == ExitCode.NOT_FOUND
    assert run("activities", "show", missing).exit_code == ExitCode.NOT_FOUND


def test_activities_add_list_and_held(run: Any) -> None:
    planned = out(
        run(
            "activities",
            "add",
            "--on",
            "2099-03-01",
            "--municipality",
            "Almelo",
            "--kind",
            "training",
            "--audience",
            "professionals",
            "--participants",
            "12",
            "--partner",
            "GGD Twente",
            "--hours",
            "3",
            "--json",
        )
    )
    assert planned["status"] == "planned"
    early = run("activities", "held", planned["activity_id"], "--participants", "10", "--json")
    assert early.exit_code == ExitCode.BAD_INPUT
    held = out(
        run(
            "activities",
            "held",
            planned["activity_id"],
            "--participants",
            "10",
            "--on",
            "2026-11-01",
            "--json",
        )
    )
    assert (held["status"], held["participants"], held["on"]) == ("held", 10, "2026-11-01")
    listed = out(run("activities", "list", "--status", "held", "--json", actor="teun"))
    assert [a["activity_id"] for a in listed] == [planned["activity_id"]]
    table = run("activities", "list")
    assert table.exit_code == 0 and "GGD Twente" in table.stdout


def test_a_question_that_does_not_exist_is_refused_and_logged(
    run: Any, app: App, tmp_path: Path
) -> None:
    report = tmp_path / "report.json"
    report.write_text(json.dumps(report_data()), encoding="utf-8")
    done = run("advice", "to-report", "no-such-question", "--file", str(report), "--json")
    assert done.exit_code == ExitCode.BAD_INPUT
    assert json.loads(done.stderr.strip().splitlines()[-1])["problems"][0]["field"] == "advice_id"
    logged = app.access_log.verify()
    assert logged.intact
    with app.engine.connect() as conn:
        outcomes = conn.execute(
            select(access_log.c.outcome).where(access_log.c.actor == "iris")
        ).scalars()
        assert list(outcomes) == ["bad_input"]
