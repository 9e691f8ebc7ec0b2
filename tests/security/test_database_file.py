"""The SQLite file and its WAL are readable by their owner only, like the key files."""

import stat
from pathlib import Path

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from tests.conftest import make_settings, with_people


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_its_wal_are_created_0600(tmp_path: Path) -> None:
    database = tmp_path / "var" / "meldpunt.db"
    app = bootstrap(make_settings(f"sqlite:///{database}"))
    upgrade(app.engine)
    with_people(app)  # a write: the WAL and the shared memory are there now
    files = [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
    assert all(f.exists() for f in files)
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    assert mode(database.parent) == 0o700
    app.engine.dispose()


def test_a_database_made_before_is_brought_to_0600(tmp_path: Path) -> None:
    database = tmp_path / "meldpunt.db"
    database.touch(mode=0o644)
    database.chmod(0o644)
    app = bootstrap(make_settings(f"sqlite:///{database}"))
    assert mode(database) == 0o600
    app.engine.dispose()
