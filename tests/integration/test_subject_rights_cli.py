"""The data subject's rights on the command line, the installed `meldpunt` against both
databases: `subject report` (in Dutch, and --json), `case correct`, `case restrict` and
`lift-restriction`; bad input exits 2 naming the options, other roles exit 7, a restricted case
is not found (exit 5) for its own director; every read is in the access log."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from adapters.db.tables import access_log
from tests.e2e.cli import Cli

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "report.json")
SIGNALS = ["older_boyfriend", "runs_away", "unexplained_gifts"]
ASSESS = {"level": "acute", "indicators": SIGNALS, "rationale": "runs away weekly"}
START = {"case_director": "anna", "plan": "gesprek met school en ouders"}
WHY = "de persoon betwist de juistheid van de melding"


@pytest.fixture
def cli(tmp_path: Path, database_url: str) -> Iterator[Cli]:
    cli = Cli(tmp_path, settings={"MELDPUNT_DATABASE_URL": database_url})
    cli.run("db", "upgrade")
    for name, role in (
        ("iris", "intake"),
        ("anna", "case_director"),
        ("pia", "privacy_officer"),
        ("teun", "team_lead"),
    ):
        cli.run("users", "add", name, "--role", role)
    yield cli


def _case(cli: Cli) -> str:
    cli.actor = "iris"
    case_id: str = cli.json("report", "register", "--file", EXAMPLE)["case_id"]
    cli.json("case", "fire", case_id, "assess_risk", "--data", json.dumps(ASSESS))
    cli.json("case", "fire", case_id, "start_case_direction", "--data", json.dumps(START))
    return case_id


def _rows(database_url: str, actor: str) -> list[tuple[str, str | None, str, str]]:
    engine = create_engine(database_url)
    query = select(
        access_log.c.resource, access_log.c.case_id, access_log.c.action, access_log.c.outcome
    ).where(access_log.c.actor == actor)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(query.order_by(access_log.c.id))]
    engine.dispose()
    return rows  # type: ignore[return-value]


def test_the_privacy_officer_answers_a_request_for_inspection(cli: Cli, database_url: str) -> None:
    case_id = _case(cli)
    cli.actor = "anna"
    cli.json("case", "file", case_id)
    cli.actor = "pia"

    found = cli.json("subject", "report", "--bsn", "111222333")
    assert [f["case"]["case_id"] for f in found["cases"]] == [case_id]
    assert found["cases"][0]["report"]["subject"]["name"] == "Fenna Testpersoon"
    assert ("anna", case_id) in {(a["actor"], a["case_id"]) for a in found["accesses"]}
    said = cli.run(
        "subject", "report", "--name", "Fenna Testpersoon", "--date-of-birth", "14-03-2010"
    ).stdout
    assert "Inzage (AVG art. 15): 1 casus(sen) over deze persoon" in said
    assert "Fenna Testpersoon" in said and "Wie de casussen van deze persoon" in said
    assert _rows(database_url, "pia") == [
        ("subject_report", case_id, "export", "ok"),
        ("subject_report", case_id, "export", "ok"),
    ]

    both = cli.run("subject", "report", "--bsn", "111222333", "--name", "Fenna", expect=2)
    assert "bsn" in both.stderr and "name" in both.stderr
    cli.run("subject", "report", expect=2)
    cli.run("subject", "report", "--name", "Fenna", "--date-of-birth", "gisteren", expect=2)
    cli.actor = "anna"
    cli.run("subject", "report", "--bsn", "111222333", expect=7)


def test_correct_restrict_and_lift_on_the_command_line(cli: Cli, database_url: str) -> None:
    case_id = _case(cli)
    cli.actor = "pia"
    done = cli.json(
        "case",
        "correct",
        case_id,
        "--field",
        "subject.name",
        "--value",
        "Fenna Jansen",
        "--reason",
        WHY,
    )
    assert done["version"] == 4
    bad = cli.run(
        "case",
        "correct",
        case_id,
        "--field",
        "subject.bsn",
        "--value",
        "123456789",
        "--reason",
        WHY,
        "--json",
        expect=2,
    )
    assert json.loads(bad.stderr)["problems"][0]["field"] == "subject.bsn"
    cli.run(
        "case",
        "correct",
        case_id,
        "--field",
        "subject.age_estimate",
        "--value",
        "vijftien",
        "--reason",
        WHY,
        expect=2,
    )

    cli.json("case", "restrict", case_id, "--reason", WHY)
    cli.actor = "anna"
    cli.run("case", "show", case_id, expect=5)
    assert case_id not in {c["case_id"] for c in cli.json("case", "list")}
    cli.run(
        "case",
        "correct",
        case_id,
        "--field",
        "description",
        "--value",
        "x",
        "--reason",
        WHY,
        expect=7,
    )
    cli.actor = "teun"
    shown = cli.json("case", "file", case_id)
    assert shown["report"]["subject"]["name"] == "Fenna Jansen"
    assert [e["trigger"] for e in shown["timeline"]][-2:] == ["correct_report", "restrict"]
    cli.actor = "pia"
    cli.json("case", "lift-restriction", case_id, "--reason", "de melding is gecorrigeerd")
    cli.actor = "anna"
    cli.json("case", "show", case_id)
    assert ("case", case_id, "read", "restricted") in _rows(database_url, "anna")
