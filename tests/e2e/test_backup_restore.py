"""Backup and restore as docs/operations.md gives it: pg_dump of a running service's database,
an access-log checkpoint beside it, pg_restore into a fresh database. With the data keys the
restored service reads the case file and the log holds its checkpoint; without them every read
says, in Dutch, that the keys do not fit, never garbage."""

import json
import signal
import subprocess
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from tests.conftest import fresh_postgres_database, make_settings, report_data
from tests.e2e.cli import Cli
from tests.e2e.serving import free_port, wait_for
from workflow.access import Role

pytestmark = pytest.mark.e2e


def libpq(url: str) -> str:
    """The URL as pg_dump and pg_restore take it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def cli_on(tmp_path: Path, url: str, keys: str) -> Cli:
    return Cli(
        tmp_path,
        settings={
            "MELDPUNT_DATABASE_URL": url,
            "MELDPUNT_DATA_KEYS": keys,
            "MELDPUNT_SUBJECT_KEY": "subject-key-for-tests-0123456789",
        },
    )


def test_a_dump_restored_with_its_keys_reads_and_without_them_says_so(tmp_path: Path) -> None:
    keys = Fernet.generate_key().decode()
    source_url, drop_source = fresh_postgres_database()
    restored_url, drop_restored = fresh_postgres_database()
    try:
        app = bootstrap(make_settings(source_url, data_keys=keys))
        upgrade(app.engine)
        app.users.add("iris", Role.INTAKE)
        app.users.add("teun", Role.TEAM_LEAD)
        intake, lead = app.users.issue("iris", 1).token, app.users.issue("teun", 1).token
        app.engine.dispose()
        source = cli_on(tmp_path, source_url, keys)
        port = free_port()
        service = source.popen("api", "--port", str(port))
        try:
            wait_for(f"http://127.0.0.1:{port}/health/live", service)
            report = report_data(name="Hersteld Testpersoon")
            answer = httpx.post(
                f"http://127.0.0.1:{port}/api/v1/reports",
                json=report,
                headers={"Authorization": f"Bearer {intake}"},
            )
            assert answer.status_code == 201, answer.text
            case_id = answer.json()["case_id"]
            # The backup, while the service runs: the database, and the log's checkpoint.
            dump = tmp_path / "meldpunt.dump"
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", libpq(source_url)],
                check=True,
                timeout=120,
            )
            kept = tmp_path / "checkpoint.json"
            kept.write_text(source.run("accesslog", "checkpoint", "--json").stdout)
        finally:
            service.send_signal(signal.SIGTERM)
            service.communicate(timeout=60)
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={libpq(restored_url)}", str(dump)],
            check=True,
            timeout=120,
        )

        restored = cli_on(tmp_path, restored_url, keys)
        found = restored.json("case", "file", case_id, "--actor", "teun")
        assert "Hersteld Testpersoon" in json.dumps(found)
        assert restored.json("accesslog", "verify")["intact"] is True
        assert restored.json("accesslog", "checkpoint", "--check", str(kept))["holds"] is True
        port = free_port()
        service = restored.popen("api", "--port", str(port))
        try:
            wait_for(f"http://127.0.0.1:{port}/health/live", service)
            read = httpx.get(
                f"http://127.0.0.1:{port}/api/v1/cases/{case_id}/file",
                headers={"Authorization": f"Bearer {lead}"},
            )
            assert read.status_code == 200 and "Hersteld Testpersoon" in read.text
        finally:
            service.send_signal(signal.SIGTERM)
            service.communicate(timeout=60)

        without = cli_on(tmp_path, restored_url, Fernet.generate_key().decode())
        refused = without.run("case", "file", case_id, "--actor", "teun", expect=6)
        assert "de gegevenssleutels passen niet bij deze database" in refused.stderr
        assert "Traceback" not in refused.stderr and refused.stdout == ""
        status = json.loads(without.run("status", "--json", expect=6).stdout)
        assert status["checks"]["data_keys"] == "keys_do_not_fit"
    finally:
        drop_source()
        drop_restored()
