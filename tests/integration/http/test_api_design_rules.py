"""The OpenAPI document passes the NL API Design Rules linter: Spectral with the ruleset Logius
publishes (tools/api-linter/adr-ruleset.yaml), 0 errors and 0 warnings. `make install` installs
Spectral; without it this test fails, it never skips."""

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from adapters.bootstrap import bootstrap
from adapters.http.app import create_app
from tests.conftest import make_settings

LINTER = Path(__file__).parents[3] / "tools" / "api-linter"
SPECTRAL = LINTER / "node_modules" / ".bin" / "spectral"


def lint(document: dict[str, Any], folder: Path) -> list[dict[str, Any]]:
    if not SPECTRAL.is_file():
        pytest.fail(f"Spectral is not installed in {LINTER}: run `make install`")
    path = folder / "openapi.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    ruleset = LINTER / "adr-ruleset.yaml"
    done = subprocess.run(
        [
            str(SPECTRAL),
            "lint",
            "--ruleset",
            str(ruleset),
            "--format",
            "json",
            "--quiet",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if not done.stdout.strip().startswith("["):
        pytest.fail(f"Spectral did not run: {done.stdout}{done.stderr}")
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


@pytest.fixture
def document(tmp_path: Path) -> dict[str, Any]:
    """The document as served; it reads nothing from the database, so one backend does."""
    app = bootstrap(make_settings(f"sqlite:///{tmp_path}/meldpunt.db"))
    made: dict[str, Any] = create_app(app).openapi()
    return json.loads(json.dumps(made))


def test_the_document_passes_the_api_design_rules(document: dict[str, Any], tmp_path: Path) -> None:
    findings = lint(document, tmp_path)
    said = [f"{f['code']} at {'/'.join(map(str, f['path']))}: {f['message']}" for f in findings]
    assert said == []


def test_the_linter_finds_what_the_rules_forbid(document: dict[str, Any], tmp_path: Path) -> None:
    """The check can fail: a snake_case query key and a missing version header are found."""
    cases = document["paths"]["/cases"]["get"]
    cases["parameters"].append({"name": "risk_level", "in": "query", "schema": {"type": "string"}})
    del cases["responses"]["200"]["headers"]
    codes = {f["code"] for f in lint(document, tmp_path)}
    assert {"nlgov:query-keys-camel-case", "nlgov:missing-header"} <= codes
