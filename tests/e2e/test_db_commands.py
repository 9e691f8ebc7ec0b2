"""`meldpunt db upgrade` says what it did; `db current` and `db history` say where the database
stands."""

from pathlib import Path

import pytest

from adapters.db.migrate import head
from tests.e2e.cli import Cli

pytestmark = pytest.mark.e2e


def test_upgrade_current_and_history(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    assert cli.json("db", "current") == {"current": None, "head": head(), "up_to_date": False}
    assert "revisie leeg" in cli.run("db", "current").stdout
    said = cli.run("db", "upgrade").stdout
    assert said.strip() == f"database bijgewerkt van revisie leeg naar {head()}"
    assert (
        cli.run("db", "upgrade").stdout.strip() == f"database is al bijgewerkt (revisie {head()})"
    )
    assert cli.json("db", "upgrade") == {"database": "up_to_date", "from": head(), "to": head()}
    assert cli.json("db", "current")["up_to_date"] is True
    history = cli.json("db", "history")
    assert [r["revision"] for r in history][:2] == ["0001", "0002"]
    assert history[0]["down_revision"] is None and history[1]["down_revision"] == "0001"
    assert [r["revision"] for r in history if r["current"]] == [head()]
    assert "Migraties" in cli.run("db", "history").stdout
