"""`meldpunt report register` with a report that is wrong in several ways: exit code 2, every
problem listed with its field in one run, and no case registered."""

import json
from pathlib import Path

import pytest

from tests.conftest import report_data
from tests.e2e.cli import Cli

pytestmark = pytest.mark.e2e

WRONG = {
    "received_at": "9999-12-31T23:59:59Z",
    "channel": "fax",
    "reporter": {"kind": "professional", "phone": "112", "email": "j.devries@"},
    "subject": {"municipality": "Atlantis", "date_of_birth": "0001-01-01", "bsn": "123"},
    "exploitation_forms": ["sexual"],
    "signals": ["runs_away", "flying"],
}
FIELDS = {
    "received_at",
    "channel",
    "reporter.phone",
    "reporter.email",
    "subject.municipality",
    "subject.date_of_birth",
    "subject.bsn",
    "signals.1",
}


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path)
    cli.run("db", "upgrade")
    cli.run("users", "add", "iris", "--role", "intake")
    cli.actor = "iris"
    return cli


def test_every_problem_of_a_report_is_listed_in_one_run_with_exit_code_2(
    cli: Cli, tmp_path: Path
) -> None:
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(WRONG))
    said = json.loads(
        cli.run("report", "register", "--file", str(wrong), "--json", expect=2).stderr
    )
    assert said["error"] == "bad_input"
    assert {p["field"] for p in said["problems"]} == FIELDS
    plain = cli.run("report", "register", "--file", str(wrong), expect=2)
    assert plain.stdout == ""
    for field in FIELDS:
        assert f"{field}: " in plain.stderr, plain.stderr
    assert cli.json("case", "list") == []


def test_a_report_in_another_spelling_is_registered_by_the_municipalitys_name(
    cli: Cli, tmp_path: Path
) -> None:
    spelled = tmp_path / "spelled.json"
    spelled.write_text(json.dumps(report_data(municipality="rijssen/holten")))
    created = cli.json("report", "register", "--file", str(spelled))
    assert cli.json("case", "show", created["case_id"])["municipality"] == "Rijssen-Holten"
