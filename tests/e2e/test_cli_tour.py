"""The README's five-minute tour and the documented exit codes, through the installed command."""

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.e2e.cli import Cli

pytestmark = pytest.mark.e2e

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "report.json")

TOUR = [
    (
        "assess_risk",
        {
            "level": "acute",
            "indicators": ["older_boyfriend", "runs_away", "unexplained_gifts"],
            "rationale": "runs away weekly",
        },
        "risk_assessed",
    ),
    (
        "start_case_direction",
        {"case_director": "anna", "plan": "plan van aanpak"},
        "in_case_direction",
    ),
    (
        "scale_down",
        {"local_team": "Wijkteam Enschede-Zuid", "handover": "warme overdracht"},
        "scaled_down_locally",
    ),
    ("close", {"result": "handed_over_locally", "reason": "follow-ups fine"}, "closed"),
]


# The people of the tour: intake staff, a case director, the team lead.
USERS = (("iris", "intake"), ("anna", "case_director"), ("teun", "team_lead"))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path)
    cli.run("db", "upgrade")
    for name, role in USERS:
        cli.run("users", "add", name, "--role", role)
    cli.actor = "iris"
    return cli


def register(cli: Cli) -> str:
    created = cli.json("report", "register", "--file", EXAMPLE)
    assert created["state"] == "received" and created["version"] == 1
    return str(created["case_id"])


def test_the_readme_tour(cli: Cli) -> None:
    case_id = register(cli)
    # Intake assesses and hands the case to anna, who directs it from then on.
    for version, (trigger, data, state) in enumerate(TOUR, start=2):
        actor = "iris" if version <= 3 else "anna"
        moved = cli.json(
            "case", "fire", case_id, trigger, "--actor", actor, "--data", json.dumps(data)
        )
        assert moved == {"case_id": case_id, "state": state, "version": version}

    cli.actor = "anna"
    detail = cli.json("case", "show", case_id)
    assert (detail["state"], detail["version"], detail["allowed_triggers"]) == (
        "closed",
        5,
        ["reopen"],
    )
    assert [h["trigger"] for h in detail["history"]] == ["register"] + [t for t, _, _ in TOUR]
    assessed = detail["history"][1]["data"]
    assert {key: assessed[key] for key in TOUR[0][1]} == TOUR[0][1]
    assert assessed["suggested_level"] in {"low", "elevated", "high", "acute"}  # the instrument's
    assert [h["actor"] for h in detail["history"]] == ["iris"] * 3 + ["anna"] * 2
    readable = cli.run("case", "show", case_id).stdout
    assert "afgesloten" in readable and "casusregie starten" in readable

    listed = cli.json("case", "list", "--state", "closed")
    assert [c["case_id"] for c in listed] == [case_id]

    # Five moves, and acute twice: at intake (the report's signals) and at the assessment.
    assert cli.json("outbox", "status")["pending"] == 7
    drained = cli.json("worker", "--drain")
    assert (drained["attempted"], drained["pending"], drained["done"], drained["dead"]) == (
        7,
        0,
        7,
        0,
    )
    assert [n["kind"] for n in cli.json("notifications", "list")] == ["case_assigned"]
    assert [n["kind"] for n in cli.json("notifications", "list", "--actor", "iris")] == [
        "new_report"
    ]


def test_the_exit_codes(cli: Cli) -> None:
    case_id = register(cli)
    assess = json.dumps(TOUR[0][1])
    fire = ("case", "fire", case_id)
    SCALE_DOWN = json.dumps({"local_team": "Wijkteam Enschede-Zuid", "handover": "warm"})
    cases: list[tuple[tuple[str, ...], int, str]] = [
        ((*fire, "assess_risk", "--data", "{level: high"), 2, "--data: geen geldige JSON"),
        ((*fire, "assess_risk", "--data", "[1]"), 2, "data: moet een JSON-object zijn"),
        (("report", "register", "--file", "no-such.json"), 2, "geen bestand 'no-such.json'"),
        ((*fire, "assess_risk", "--data", '{"level": "sky-high"}'), 2, "level: kies uit"),
        ((*fire, "approve"), 2, "onbekende stap 'approve'"),
        ((*fire, "scale_down", "--data", "{}"), 2, "local_team: ontbreekt"),
        (
            (*fire, "scale_down", "--data", SCALE_DOWN),
            3,
            "fout: de stap 'afschalen naar lokale structuur' is niet mogelijk in de status "
            "'melding ontvangen'; wel mogelijk: risicotaxatie vastleggen, afsluiten\n",
        ),
        (
            (*fire, "assess_risk", "--data", assess, "--expected-version", "7"),
            4,
            "door iemand anders gewijzigd",
        ),
        (("case", "show", "nope"), 5, "casus 'nope' bestaat niet"),
        (("case", "fire", "nope", "assess_risk", "--data", assess), 5, "bestaat niet"),
    ]
    # Independent runs against one database: run them side by side to keep the suite quick.
    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = list(pool.map(lambda c: cli.run(*c[0], expect=c[1]), cases))
    for (args, _, message), done in zip(cases, runs, strict=True):
        assert message in done.stderr, f"meldpunt {' '.join(args)}: {done.stderr}"
        assert done.stdout == ""

    reopen = ("reopen", "--data", json.dumps({"reason": "new signals"}))
    refused = json.loads(cli.run(*fire, *reopen, "--json", expect=3).stderr)
    assert (refused["error"], refused["state"], refused["allowed_triggers"]) == (
        "transition_refused",
        "received",
        ["assess_risk", "close"],
    )
    bad = json.loads(cli.run(*fire, "assess_risk", "--json", "--data", "{}", expect=2).stderr)
    assert {p["field"] for p in bad["problems"]} == {"level", "indicators", "rationale"}

    # None of the failures changed the case; the expected version that is current is accepted.
    assert cli.json(*fire, "assess_risk", "--data", assess, "--expected-version", "1") == {
        "case_id": case_id,
        "state": "risk_assessed",
        "version": 2,
    }


def test_an_unreachable_database_is_exit_code_6(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    failed = cli.run("case", "list", "--actor", "anna", expect=6)  # never migrated: no tables
    assert "de database is niet bereikbaar" in failed.stderr


def test_errors_are_in_english_when_the_settings_ask_for_it(cli: Cli) -> None:
    case_id = register(cli)
    cli.language = "en"
    scale_down = json.dumps({"local_team": "Wijkteam Enschede-Zuid", "handover": "warm"})
    refused = cli.run("case", "fire", case_id, "scale_down", "--data", scale_down, expect=3)
    assert refused.stderr == (
        "error: the step 'scale down to the local structure' is not allowed from the state "
        "'report received'; allowed from 'report received': record the risk assessment, close\n"
    )
