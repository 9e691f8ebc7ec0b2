"""Issue 14, section 4: the access log anchored outside the database. The scheduled job signs the
log's head into an append-only file and the operator's log; `meldpunt accesslog verify` then
finds the log cut at its end (rows deleted, the head rewritten) and the log rewritten whole,
both of which pass the chain check alone; a checkpoint line not signed by the key is refused."""

import hashlib
import hmac
import json
import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, update
from structlog.testing import capture_logs
from typer.testing import CliRunner, Result

from adapters.bootstrap import App, bootstrap
from adapters.cli import context
from adapters.cli.main import app as cli
from adapters.db.access_chain import row_hash
from adapters.db.access_prune import prune_access_log
from adapters.db.migrate import upgrade
from adapters.db.tables import access_log, access_log_head
from adapters.scheduler.jobs import JOBS
from adapters.scheduler.runner import build_scheduler
from tests.conftest import ManualClock, make_settings, with_people
from workflow.access import AccessEntry


@pytest.fixture
def anchored(
    database_url: str, tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[App]:
    settings = make_settings(
        database_url,
        access_checkpoint_file=tmp_path / "checkpoints.jsonl",
        access_checkpoint_key_file=tmp_path / "checkpoint.key",
    )
    application = bootstrap(settings, clock)
    upgrade(application.engine)
    monkeypatch.setattr(context, "app", lambda long_running=False, as_json=False: application)
    yield with_people(application)
    application.engine.dispose()


def reads(app: App, count: int) -> None:
    for number in range(count):
        entry = AccessEntry("anna", "case_director", "cli", "read", "case", "ok", f"case-{number}")
        app.access_log.record([entry])


def verify() -> Result:
    return CliRunner().invoke(cli, ["accesslog", "verify", "--json"])


def said(done: Result) -> dict[str, Any]:
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def checkpoint_now(app: App) -> dict[str, Any]:
    return JOBS["access_checkpoint"].run(app, app.clock())


def lines(app: App) -> list[dict[str, Any]]:
    text = app.settings.access_checkpoint_file.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_the_job_writes_a_signed_checkpoint_to_the_file_and_the_log(anchored: App) -> None:
    reads(anchored, 3)
    with capture_logs() as logged:
        assert checkpoint_now(anchored) == {"last_id": 3, "rows": 3, "recorded": True}
    [kept] = lines(anchored)
    assert (kept["last_id"], kept["rows"]) == (3, 3) and len(kept["last_hash"]) == 64
    key = bytes.fromhex(anchored.settings.access_checkpoint_key_file.read_text().strip())
    content = {name: value for name, value in kept.items() if name != "signature"}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"))
    assert kept["signature"] == hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
    for secret in (
        anchored.settings.access_checkpoint_key_file,
        anchored.settings.access_checkpoint_file,
    ):
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    [line] = [e for e in logged if e["event"] == "access log checkpoint"]
    assert (line["last_id"], line["signature"]) == (3, kept["signature"])
    assert checkpoint_now(anchored)["recorded"] is False  # nothing new: not said twice
    reads(anchored, 1)
    assert checkpoint_now(anchored)["recorded"] is True
    assert [k["last_id"] for k in lines(anchored)] == [3, 4]


def test_a_good_log_verifies_against_its_checkpoint(anchored: App) -> None:
    reads(anchored, 4)
    checkpoint_now(anchored)
    reads(anchored, 2)  # after the checkpoint: the log went on
    done = verify()
    assert done.exit_code == 0, done.output
    result = said(done)
    assert result["intact"] is True and result["checkpoint_holds"] is True
    assert (result["checkpoint_last_id"], result["rows_checked"]) == (4, 6)


def test_without_a_checkpoint_it_says_only_the_chain_was_checked(anchored: App) -> None:
    reads(anchored, 2)
    done = verify()
    assert done.exit_code == 0, done.output
    assert said(done)["checkpoint_holds"] is None and "nog geen controlepunt" in done.stderr


def test_the_log_cut_at_its_end_no_longer_passes(anchored: App) -> None:
    reads(anchored, 6)
    checkpoint_now(anchored)
    with anchored.engine.begin() as conn:  # delete the newest rows, the head names the new end
        conn.execute(delete(access_log).where(access_log.c.id > 3))
        kept = conn.execute(select(access_log.c.row_hash).where(access_log.c.id == 3)).scalar()
        conn.execute(update(access_log_head).values(last_id=3, last_hash=kept))
    assert anchored.access_log.verify().intact  # the chain alone does not see it
    done = verify()
    assert done.exit_code == 1
    assert said(done)["intact"] is False and said(done)["checkpoint_holds"] is False
    assert "regels van het toegangslog ontbreken" in done.stderr
    assert "reikt tot regel 6, het log eindigt bij regel 3" in done.stderr


def test_the_log_rewritten_whole_no_longer_passes(anchored: App) -> None:
    reads(anchored, 5)
    checkpoint_now(anchored)
    with anchored.engine.begin() as conn:  # another actor in row 1, every hash made again
        rows = [
            dict(r) for r in conn.execute(select(access_log).order_by(access_log.c.id)).mappings()
        ]
        rows[0]["actor"] = "someone else"
        previous = "0" * 64
        for row in rows:
            row["prev_hash"] = previous
            row["row_hash"] = previous = row_hash(row)
            conn.execute(
                update(access_log)
                .where(access_log.c.id == row["id"])
                .values(actor=row["actor"], prev_hash=row["prev_hash"], row_hash=row["row_hash"])
            )
        conn.execute(update(access_log_head).values(last_hash=previous))
    assert anchored.access_log.verify().intact  # the chain alone does not see it
    done = verify()
    assert done.exit_code == 1 and said(done)["checkpoint_holds"] is False
    assert "het toegangslog is veranderd sinds het controlepunt" in done.stderr


def test_a_checkpoint_with_a_wrong_signature_is_refused(anchored: App, tmp_path: Path) -> None:
    reads(anchored, 4)
    checkpoint_now(anchored)
    [kept] = lines(anchored)
    forged = {**kept, "last_id": 2, "signature": "0" * 64}  # made to fit a cut log
    with anchored.settings.access_checkpoint_file.open("a", encoding="utf-8") as file:
        file.write(json.dumps(forged) + "\n")
    done = verify()
    assert done.exit_code == 1 and said(done)["checkpoint_last_id"] == 4  # the signed one counts
    assert "regel 2 van het controlepuntbestand" in done.stderr and "vervalst" in done.stderr
    # a kept copy beside a backup is checked the same way
    copy = tmp_path / "kept.json"
    copy.write_text(json.dumps(forged), encoding="utf-8")
    checked = CliRunner().invoke(cli, ["accesslog", "checkpoint", "--check", str(copy), "--json"])
    assert checked.exit_code == 1 and "niet ondertekend" in checked.stderr
    copy.write_text(json.dumps(kept), encoding="utf-8")
    checked = CliRunner().invoke(cli, ["accesslog", "checkpoint", "--check", str(copy), "--json"])
    assert checked.exit_code == 0 and said(checked)["holds"] is True


def test_checkpoints_without_their_key_cannot_pass(anchored: App) -> None:
    reads(anchored, 2)
    checkpoint_now(anchored)
    anchored.settings.access_checkpoint_key_file.unlink()
    done = verify()
    assert done.exit_code == 1 and "controlepuntsleutel" in done.stderr


def test_pruning_past_the_term_keeps_verifying_and_too_early_does_not(
    anchored: App, clock: ManualClock
) -> None:
    reads(anchored, 3)
    checkpoint_now(anchored)
    with anchored.engine.begin() as conn:  # everything up to the checkpoint, long before its term
        prune_access_log(conn, clock.now + timedelta(seconds=1), clock.now)
    assert anchored.access_log.verify().intact
    done = verify()
    assert done.exit_code == 1 and "voordat hun bewaartermijn om was" in done.stderr
    clock.now += timedelta(days=2923)  # the same prune, its term over: as retention does it
    reads(anchored, 1)
    done = verify()
    assert done.exit_code == 0, done.output
    checkpoint_now(anchored)
    assert said(verify())["checkpoint_last_id"] == 4


def test_the_checkpoint_command_records_what_the_job_does(anchored: App) -> None:
    reads(anchored, 2)
    done = CliRunner().invoke(cli, ["accesslog", "checkpoint", "--json"])
    assert done.exit_code == 0, done.output
    printed = said(done)
    assert printed == lines(anchored)[-1] and (printed["last_id"], printed["rows"]) == (2, 2)
    again = CliRunner().invoke(cli, ["accesslog", "checkpoint", "--json"])
    assert said(again) == printed and len(lines(anchored)) == 1  # the head did not move
    assert verify().exit_code == 0


def test_the_elected_scheduler_runs_the_job_at_least_hourly(
    anchored: App, clock: ManualClock
) -> None:
    job = build_scheduler(anchored).get_job("access_checkpoint")
    first = job.trigger.get_next_fire_time(None, clock.now)
    second = job.trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    assert timedelta(0) < second - first <= timedelta(hours=1)
