"""The security suite: each test holds one point of the hardening (docs/privacy.md, "What is
guaranteed"), against the API over a real database (SQLite and PostgreSQL), the installed
command, or the running service."""

from pathlib import Path

import pytest

from tests.e2e.cli import Cli
from tests.integration.http.conftest import api  # noqa: F401  (the fixtures, reused)
from tests.integration.partners.conftest import receiver  # noqa: F401


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """The installed command on a SQLite file of its own, with a team lead who acts."""
    cli = Cli(tmp_path)
    cli.run("db", "upgrade")
    cli.run("users", "add", "teun", "--role", "team_lead")
    cli.actor = "teun"
    return cli
