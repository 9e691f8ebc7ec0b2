"""The README's tour, run from the README's own text against a fresh SQLite service: every
block in order, every command as written (CASE_ID the case the tour registers), each exiting
0 unless its transcript shows otherwise, each printing what its comment shows where that is a
JSON object. Change the README or the product, and this says where they part."""

import json
import os
from pathlib import Path

import pytest

from tests.e2e.cli import Cli
from tests.e2e.readme_tour import README, Step, matches, tour

pytestmark = pytest.mark.e2e


def run(cli: Cli, step: Step, case_id: str | None, last: list[int]) -> str:
    """One step as the shell would run it; returns what it printed (stdout, then stderr)."""
    words = [case_id if w == "CASE_ID" and case_id else w for w in step.words]
    if words[0] == "export":
        name, _, value = words[1].partition("=")
        assert name == "MELDPUNT_ACTOR", step.line
        cli.actor = value
        return ""
    if words == ["echo", "$?"]:
        return str(last[0])
    printed = ""
    for command in _and_list(words):
        assert command[0] == "meldpunt", f"not a meldpunt command: {step.line}"
        expect = None if step.transcript else 0
        done = cli.run(*command[1:], expect=expect)
        last[0] = done.returncode
        printed = done.stdout + done.stderr
        if done.returncode != 0:
            break
    return printed


def _and_list(words: list[str]) -> list[list[str]]:
    commands: list[list[str]] = [[]]
    for word in words:
        if word == "&&":
            commands.append([])
        else:
            commands[-1].append(word)
    return commands


def test_the_readme_tour_as_written(tmp_path: Path) -> None:
    os.symlink(README.parent / "examples", tmp_path / "examples")
    cli = Cli(tmp_path)
    case_id: str | None = None
    last = [0]
    ran = 0
    for block in tour():
        for step in block:
            printed = run(cli, step, case_id, last)
            ran += 1
            if "--json" in step.words and step.said:
                assert matches(json.loads(printed), step.said), (step.line, printed)
            if step.transcript:
                lines = [line.rstrip() for line in printed.splitlines() if line.strip()]
                assert lines == step.printed, step.line
            if case_id is None and step.words[1:3] == ["report", "register"]:
                case_id = json.loads(printed)["case_id"]
    assert case_id is not None and ran >= 20
