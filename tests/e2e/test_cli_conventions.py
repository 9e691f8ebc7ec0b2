"""The command line a person meets: a version, -h beside --help, shell completion, --json on
every command, lists that say when there is more, progress for long work on a pipe, and what
was sent to a partner without a word of personal data."""

import json
import uuid
from pathlib import Path

import pytest
import typer.main

from adapters.cli.main import app
from tests.conftest import report_data
from tests.e2e.cli import Cli

pytestmark = pytest.mark.e2e

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "report.json")


def commands(group: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    found: list[tuple[tuple[str, ...], object]] = []
    for name, command in getattr(group, "commands", {}).items():
        if hasattr(command, "commands"):
            found += commands(command, (*path, name))
        else:
            found.append(((*path, name), command))
    return found


def test_every_command_takes_json() -> None:
    every = commands(typer.main.get_command(app))
    assert len(every) > 40
    lacking = [
        " ".join(path)
        for path, command in every
        if "--json" not in [o for p in command.params for o in getattr(p, "opts", [])]  # type: ignore[attr-defined]
    ]
    assert lacking == []


def test_version_help_and_completion(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    assert cli.run("--version").stdout.startswith("meldpunt ")
    assert cli.run("-h").stdout == cli.run("--help").stdout
    assert "Usage: meldpunt case fire" in cli.run("case", "fire", "-h").stdout
    # What `--install-completion` / `--show-completion` put in the shell's start-up file, and
    # what that script asks on each Tab: the same whatever shell runs the tests.
    cli.settings = {"_MELDPUNT_COMPLETE": "source_bash"}
    script = cli.run().stdout
    assert "_meldpunt_completion" in script and "complete " in script
    cli.settings = {"_MELDPUNT_COMPLETE": "complete_bash", "COMP_WORDS": "meldpunt ca"}
    cli.settings["COMP_CWORD"] = "1"
    assert cli.run().stdout.split() == ["case"]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path)
    cli.run("db", "upgrade")
    cli.run("users", "add", "iris", "--role", "intake")
    cli.actor = "iris"
    return cli


def test_a_list_says_when_there_is_more(cli: Cli) -> None:
    for _ in range(3):
        cli.run("report", "register", "--file", EXAMPLE)
    cli.run("worker", "--drain")
    page = cli.run("notifications", "list", "--limit", "2", "--json")
    assert len(json.loads(page.stdout)) == 2
    assert "1-2 van 3 getoond; de volgende met --offset 2" in page.stderr
    last = cli.run("notifications", "list", "--limit", "2", "--offset", "2", "--json")
    assert len(json.loads(last.stdout)) == 1
    assert "getoond" not in last.stderr
    cases = cli.run("case", "list", "--limit", "1")
    assert "1-1 van 3 getoond" in cases.stderr


def test_ingest_of_2000_events_shows_progress_and_the_partner_sees_what_was_sent(
    cli: Cli,
) -> None:
    events = cli.tmp / "events.jsonl"
    with events.open("w", encoding="utf-8") as out:
        for _ in range(2000):
            event = {
                "specversion": "1.0",
                "id": uuid.uuid4().hex,
                "source": "urn:nl:twente:scholen",
                "type": "nl.meldpunt.report",
                "data": report_data(),
            }
            out.write(json.dumps(event) + "\n")
    done = cli.run("partner", "ingest", "--file", str(events), "--json")
    assert json.loads(done.stdout)["handled"] == 2000
    lines = [line for line in done.stderr.splitlines() if line.startswith("partner ingest: ")]
    assert len(lines) == 10  # a line per tenth on a pipe, not one per event
    assert lines[0].startswith("partner ingest: 200/2000") and "2000/2000" in lines[-1]

    # One acute report, assessed: the police are told (their disclosure waits for a channel).
    case_id = cli.json("report", "register", "--file", EXAMPLE)["case_id"]
    cli.run("users", "add", "teun", "--role", "team_lead")
    signals = ["older_boyfriend", "runs_away", "unexplained_gifts"]
    acute = {"level": "acute", "indicators": signals, "rationale": "loopt weg"}
    cli.run("case", "fire", case_id, "assess_risk", "--data", json.dumps(acute), "--actor", "teun")
    cli.run("worker", "--drain")
    sent = cli.json("partner", "sent", "police", "--since", "2026-01-01")
    told = [s for s in sent if s["case_id"] == case_id]  # acute at intake, and assessed so
    assert told and {(s["event_type"], s["status"]) for s in told} == {
        ("AcuteRiskDetected", "pending")
    }
    assert all(s["key"].endswith(".police.message") for s in told)
    readable = cli.run("partner", "sent", "police", "--since", "2026-01-01").stdout
    for secret in ("Fenna", "Testpersoon", "111222333", "2010-03-14", "Vries"):
        assert secret not in json.dumps(sent) and secret not in readable
    assert cli.json("partner", "sent", "police", "--since", "2099-01-01") == []
    cli.run("partner", "sent", "police", "--since", "2999-01-01", expect=2)  # beyond the bounds
    cli.run("partner", "sent", "nobody", "--since", "2026-01-01", expect=2)
    cli.run("partner", "sent", "police", "--since", "last week", expect=2)
