"""A case director reads the case file on the command line: the person, the reporter's contact
details and the description are there; the read is a row of the access log with who, role,
case, subject key and purpose; another director is refused unless they break the glass; and
the log's hash chain still verifies."""

import json
import sqlite3
from pathlib import Path

import pytest

from tests.e2e.cli import Cli

pytestmark = pytest.mark.e2e

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "report.json")
# The example report's signals point to acute (runs away, an older "boyfriend", a minor).
SIGNALS = ["older_boyfriend", "runs_away", "unexplained_gifts"]
ASSESS = {"level": "acute", "indicators": SIGNALS, "rationale": "runs away weekly"}
START = {"case_director": "anna", "plan": "gesprek met school en ouders"}


def access_rows(cli: Cli) -> list[dict[str, object]]:
    with sqlite3.connect(cli.database) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM access_log ORDER BY id")]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path)
    cli.run("db", "upgrade")
    for name, role in (("iris", "intake"), ("anna", "case_director"), ("bram", "case_director")):
        cli.run("users", "add", name, "--role", role)
    return cli


def test_a_case_director_reads_the_file_and_the_read_is_logged(cli: Cli) -> None:
    cli.actor = "iris"
    case_id = cli.json("report", "register", "--file", EXAMPLE)["case_id"]
    for trigger, data in (("assess_risk", ASSESS), ("start_case_direction", START)):
        cli.json("case", "fire", case_id, trigger, "--data", json.dumps(data))
    before = len(access_rows(cli))

    cli.actor = "anna"
    found = cli.json("case", "file", case_id, "--purpose", "huisbezoek voorbereiden")

    report = found["report"]
    assert report["subject"]["name"] == "Fenna Testpersoon"
    assert report["subject"]["bsn"] == "111222333"
    assert report["reporter"]["phone"] == "+31 53 000 0000"
    assert report["description"] == "free text"
    assert found["assessment"]["level"] == "acute" and found["assessment"]["actor"] == "iris"
    assert found["plan"]["at_start"]["plan"] == START["plan"]
    assert [e["trigger"] for e in found["timeline"]] == [
        "register",
        "assess_risk",
        "start_case_direction",
    ]
    [read] = access_rows(cli)[before:]
    assert (read["actor"], read["role"], read["action"], read["case_id"]) == (
        "anna",
        "case_director",
        "read",
        case_id,
    )
    assert read["subject_key"] and read["purpose"] == "huisbezoek voorbereiden"
    assert str(read["via"]).startswith("cli:") and read["break_glass"] == 0
    assert "report" in str(read["fields"]).split(",")

    readable = cli.run("case", "file", case_id).stdout
    assert "Casusdossier" in readable and "Fenna Testpersoon" in readable
    assert "14-03-2010" in readable  # the date of birth, day first
    assert "02-11-2026 10:15" in readable  # received, in Amsterdam time

    assert cli.json("accesslog", "verify")["intact"] is True


def test_another_director_is_refused_unless_they_break_the_glass(cli: Cli) -> None:
    cli.actor = "iris"
    case_id = cli.json("report", "register", "--file", EXAMPLE)["case_id"]
    for trigger, data in (("assess_risk", ASSESS), ("start_case_direction", START)):
        cli.json("case", "fire", case_id, trigger, "--data", json.dumps(data))

    cli.actor = "bram"
    refused = cli.run("case", "file", case_id, expect=7)
    assert "--break-glass" in refused.stderr and refused.stdout == ""
    assert access_rows(cli)[-1]["outcome"] == "refused"

    reason = "anna is ziek en de school belt met een acute vraag"
    found = cli.json("case", "file", case_id, "--break-glass", reason)
    assert found["report"]["subject"]["name"] == "Fenna Testpersoon"
    last = access_rows(cli)[-1]
    assert (last["actor"], last["break_glass"], last["reason"]) == ("bram", 1, reason)

    nobody = cli.run("case", "file", case_id, "--actor", "ghost", expect=2)
    assert "geen gebruiker 'ghost'" in nobody.stderr
    assert cli.json("accesslog", "verify")["intact"] is True
