"""Local accounts and web sessions on both databases: argon2 hashes only, one answer for a wrong
name or password, sessions that end on request, after the idle time and on a new password, and
only a hash of a session id in the database; what a person marks (filter, read, reviewed)."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from adapters.bootstrap import App
from adapters.cli import context
from adapters.cli.main import app as cli
from adapters.db.tables import notifications, web_passwords, web_sessions
from adapters.db.web_accounts import WeakPassword, WebAccounts
from adapters.db.web_marks import WebMarks
from tests.conftest import ManualClock, make_settings
from workflow.access import Role

IDLE = timedelta(minutes=15)


@pytest.fixture
def clocked(database_url: str) -> App:
    from adapters.bootstrap import bootstrap
    from adapters.db.migrate import upgrade

    application = bootstrap(make_settings(database_url), ManualClock())
    upgrade(application.engine)
    application.users.add("anna", Role.CASE_DIRECTOR, "noord")
    return application


def accounts(app: App) -> WebAccounts:
    return WebAccounts(app.engine, app.clock, app.users)


def test_a_password_is_stored_as_an_argon2_hash(clocked: App) -> None:
    accounts(clocked).set_password("anna", "een lang genoeg wachtwoord")
    with clocked.engine.connect() as conn:
        stored = conn.execute(select(web_passwords.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "wachtwoord" not in stored
    found = accounts(clocked).check_password("anna", "een lang genoeg wachtwoord")
    assert found is not None and found.roles == {Role.CASE_DIRECTOR} and found.team == "noord"
    assert accounts(clocked).check_password("anna", "een ander wachtwoord!") is None
    assert accounts(clocked).check_password("niemand", "een lang genoeg wachtwoord") is None
    with pytest.raises(WeakPassword):
        accounts(clocked).set_password("anna", "kort")


def test_sessions_end_on_request_when_idle_and_on_a_new_password(clocked: App) -> None:
    clock = clocked.clock
    assert isinstance(clock, ManualClock)
    web = accounts(clocked)
    web.set_password("anna", "een lang genoeg wachtwoord")
    anna = web.check_password("anna", "een lang genoeg wachtwoord")
    assert anna is not None
    session_id, csrf = web.start(anna)
    with clocked.engine.connect() as conn:
        stored = conn.execute(select(web_sessions.c.id_hash)).scalar_one()
    assert session_id not in stored
    found = web.resume(session_id, IDLE)
    assert found is not None and found.csrf_token == csrf and found.principal.name == "anna"
    clock.now += timedelta(minutes=14)
    assert web.resume(session_id, IDLE) is not None  # the idle clock starts again
    clock.now += timedelta(minutes=15)
    assert web.resume(session_id, IDLE) is None
    second, _ = web.start(anna)
    web.end(second)
    assert web.resume(second, IDLE) is None
    third, _ = web.start(anna)
    web.set_password("anna", "nog een lang wachtwoord")
    assert web.resume(third, IDLE) is None


def test_marks_of_a_person(clocked: App) -> None:
    marks = WebMarks(clocked.engine, clocked.clock)
    assert marks.saved_filter("anna") == {}
    marks.save_filter("anna", {"state": "received"})
    marks.save_filter("anna", {"risk": "high", "overdue": "1"})
    assert marks.saved_filter("anna") == {"risk": "high", "overdue": "1"}
    with clocked.engine.begin() as conn:
        conn.execute(
            notifications.insert(),
            [
                {
                    "recipient": r,
                    "kind": "new_report",
                    "case_id": "c",
                    "created_at": clocked.clock(),
                }
                for r in ("anna", "bram")
            ],
        )
        ids = dict(conn.execute(select(notifications.c.recipient, notifications.c.id)).all())
    assert not marks.mark_read(["anna"], ids["bram"])
    assert marks.mark_read(["anna"], ids["anna"])
    assert not marks.mark_read(["anna"], ids["anna"])  # once


def test_the_cli_sets_a_password_it_asks_for(clocked: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "app", lambda long_running=False: clocked)
    asked = "een lang genoeg wachtwoord\n" * 2
    done = CliRunner().invoke(
        cli, ["users", "add", "iris", "--role", "intake", "--password", "--json"], input=asked
    )
    assert done.exit_code == 0, done.output
    assert '"name": "iris"' in done.stdout
    assert accounts(clocked).check_password("iris", "een lang genoeg wachtwoord") is not None
    done = CliRunner().invoke(cli, ["users", "password", "iris"], input="kort\nkort\n")
    assert done.exit_code != 0
    assert accounts(clocked).check_password("iris", "een lang genoeg wachtwoord") is not None
    done = CliRunner().invoke(cli, ["users", "password", "niemand"], input=asked)
    assert done.exit_code != 0
