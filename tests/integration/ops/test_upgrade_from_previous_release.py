"""A database made by the previous release, with that release's own code (taken from git: the
commit before migration 0011, whose newest revision is 0010), filled by its own commands with
cases, history, reports, the outbox, notifications, handled messages, the access log and users,
upgraded by this release on SQLite and PostgreSQL: every row is still there (moved where a
migration moves it) and this release reads the cases as that one did."""

import json
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from adapters.bootstrap import bootstrap
from adapters.db.migrate import current, head, upgrade
from tests.conftest import make_settings
from tests.integration.ops.test_upgrade_with_data import KEPT, rows

ROOT = Path(__file__).resolve().parents[3]
FIRST_OF_THIS_RELEASE = "adapters/db/migrations/versions/0011_notification_details.py"


def previous_release(into: Path) -> Path:
    """The previous release's source tree, from git."""
    added = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", FIRST_OF_THIS_RELEASE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert added, "not a git checkout with the project's history"
    archive = subprocess.run(
        ["git", "archive", "--format=tar", f"{added[-1]}^"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def test_a_database_of_the_previous_release_upgrades_with_its_data(
    database_url: str, tmp_path: Path
) -> None:
    old = previous_release(tmp_path / "previous")
    key = Fernet.generate_key().decode()
    made = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("previous_release.py")), database_url, key],
        cwd=old,
        env={"PYTHONPATH": str(old), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    details: dict[str, dict[str, Any]] = json.loads(made.stdout)

    app = bootstrap(make_settings(database_url, data_keys=key, subject_key="subject-key-previous"))
    try:
        assert current(app.engine) == "0010"
        before = rows(app.engine)
        assert [name for name in (*KEPT, "notifications", "users") if not before[name]] == []
        assert upgrade(app.engine) == ("0010", head())
        after = rows(app.engine)
        for name in KEPT:
            assert len(after[name]) == len(before[name]), name
            for was, now in zip(before[name], after[name], strict=True):
                assert {k: v for k, v in now.items() if k in was} == was, name
        assert [json.loads(n["details"]) for n in after["notifications"]] == [
            {"text": n["message"]} for n in before["notifications"]
        ]
        assert sorted((u["id"], u["role"]) for u in before["users"]) == sorted(
            (r["user_id"], r["role"]) for r in after["user_roles"]
        )
        for case_id, was in details.items():
            now = json.loads(json.dumps(app.queries.detail(case_id), default=str))
            assert {k: v for k, v in now.items() if k in was} == was, case_id
        assert app.access_log.verify().intact
    finally:
        app.engine.dispose()
