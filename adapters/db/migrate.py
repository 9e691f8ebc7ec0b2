"""Alembic, driven from code: `meldpunt db upgrade` needs no alembic.ini on the user's machine."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class Revision:
    revision: str
    down_revision: str | None
    description: str


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def current(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@cache
def head() -> str:
    """The newest revision this release knows."""
    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert found is not None, "no migrations"
    return found


def history() -> list[Revision]:
    """Every revision, oldest first."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return [
        Revision(s.revision, _down(s.down_revision), s.doc or "")
        for s in reversed(list(scripts.walk_revisions()))
    ]


def _down(down: str | list[str] | tuple[str, ...] | None) -> str | None:
    return down if down is None or isinstance(down, str) else ", ".join(down)


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Migrate; returns the revision before and after."""
    before = current(engine)
    command.upgrade(alembic_config(engine), revision)
    return before, current(engine)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)
