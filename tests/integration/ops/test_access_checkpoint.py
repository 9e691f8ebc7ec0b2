"""An access-log checkpoint kept beside a backup: held by the log it came from and by one that
grew since; not held once its row was changed or the log is an older one."""

from sqlalchemy import update

from adapters.bootstrap import App
from adapters.db.access_checkpoint import Checkpoint, checkpoint, holds
from adapters.db.tables import access_log
from workflow.access import AccessEntry


def read(app: App, case_id: str) -> None:
    entry = AccessEntry("anna", "case_director", "cli", "read", "case", "ok", case_id)
    app.access_log.record([entry])


def test_a_checkpoint_holds_until_its_row_is_changed(app: App) -> None:
    empty = checkpoint(app.engine)
    assert (empty.last_id, empty.rows, empty.last_at) == (0, 0, None)
    read(app, "case-1")
    kept = checkpoint(app.engine)
    assert (kept.last_id, kept.rows) == (1, 1) and len(kept.last_hash) == 64
    read(app, "case-2")
    assert holds(app.engine, kept)  # the log went on: the kept end is still in it
    assert not holds(app.engine, Checkpoint(5, kept.last_hash))  # a log that never got there
    with app.engine.begin() as conn:
        conn.execute(update(access_log).where(access_log.c.id == 1).values(row_hash="0" * 64))
    assert not holds(app.engine, kept)
