"""The access log's hash chain: an UPDATE or DELETE of a row straight in SQL is found by
`meldpunt accesslog verify` (exit 1, the first broken row named); concurrent writers do not
fork the chain."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from adapters.bootstrap import App
from adapters.db.access_log import AccessEntry
from adapters.db.tables import access_log

MELDPUNT = str(Path(sys.executable).with_name("meldpunt"))


def entry(n: int) -> AccessEntry:
    return AccessEntry("anna", "case_director", "token:t", "read", "case", "ok", fields=(str(n),))


def write(app: App, count: int) -> None:
    for n in range(count):
        app.access_log.record([entry(n)])


def verify_cli(app: App, tmp_path: Path) -> tuple[int, dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MELDPUNT_")}
    env["MELDPUNT_DATABASE_URL"] = app.engine.url.render_as_string(hide_password=False)
    env["MELDPUNT_KEY_FILE"] = str(tmp_path / "cli.key")
    env["MELDPUNT_SUBJECT_KEY_FILE"] = str(tmp_path / "cli.subject.key")
    done = subprocess.run(
        [MELDPUNT, "accesslog", "verify", "--json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, json.loads(done.stdout)


def test_an_untouched_chain_verifies(app: App, tmp_path: Path) -> None:
    write(app, 5)
    code, report = verify_cli(app, tmp_path)
    assert (code, report["intact"], report["rows_checked"]) == (0, True, 5)


@pytest.mark.parametrize(
    ("tamper", "broken"),
    [
        (update(access_log).where(access_log.c.id == 3).values(actor="mallory"), 3),
        (update(access_log).where(access_log.c.id == 2).values(outcome="refused"), 2),
        (delete(access_log).where(access_log.c.id == 3), 3),
        (delete(access_log).where(access_log.c.id == 5), 5),  # the tail
    ],
    ids=["edit-actor", "edit-outcome", "delete-middle", "delete-tail"],
)
def test_tampering_is_detected(app: App, tmp_path: Path, tamper: object, broken: int) -> None:
    write(app, 5)
    with app.engine.begin() as conn:
        conn.execute(tamper)  # type: ignore[call-overload]
    code, report = verify_cli(app, tmp_path)
    assert code == 1
    assert (report["intact"], report["first_broken_id"]) == (False, broken)
    assert report["problem"]


def test_a_row_rewritten_with_a_fresh_hash_still_breaks_the_next_link(app: App) -> None:
    write(app, 4)
    from adapters.db.access_chain import row_hash

    with app.engine.begin() as conn:
        found = conn.execute(select(access_log).where(access_log.c.id == 2)).mappings().one()
        row = dict(found)
        row["actor"] = "mallory"
        conn.execute(
            update(access_log)
            .where(access_log.c.id == 2)
            .values(actor="mallory", row_hash=row_hash(row))
        )
    report = app.access_log.verify()
    assert (report.intact, report.first_broken_id) == (False, 3)


def test_concurrent_writers_keep_one_chain(app: App) -> None:
    threads = [threading.Thread(target=write, args=(app, 10)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = app.access_log.verify()
    assert (report.intact, report.rows_checked) == (True, 60)
