"""Whether the access log still holds its latest signed checkpoint (adapters/access_anchor.py),
and what is wrong when not: each problem a text key of config/texts/*/access_anchor.json with
its values, so every entry point says it in the person's language."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from adapters.access_anchor import NoCheckpointKey, read_checkpoints
from adapters.db.access_checkpoint import Checkpoint, mismatch
from config.retention import load_retention_rules
from config.settings import Settings


@dataclass(frozen=True)
class AnchorReport:
    checkpoint: Checkpoint | None  # the latest the key signed; None: none yet (or no key)
    problems: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def holds(self) -> bool | None:
        """True or False when there was a checkpoint to check, None when there was none."""
        if self.problems:
            return False
        return None if self.checkpoint is None else True


def check_against_checkpoint(engine: Engine, settings: Settings, now: datetime) -> AnchorReport:
    try:
        found = read_checkpoints(settings)
    except NoCheckpointKey as missing:
        path = str(settings.access_checkpoint_file)
        return AnchorReport(
            None, [("access_anchor.no_key", {"path": path, "key_file": str(missing)})]
        )
    problems: list[tuple[str, dict[str, Any]]] = []
    if found.forged_lines:
        lines = ", ".join(str(number) for number in found.forged_lines)
        problems.append(("access_anchor.forged", {"path": str(found.path), "lines": lines}))
    kept = found.latest
    if kept is not None:
        keep_days = load_retention_rules().access_log_days
        wrong = mismatch(engine, kept, now, keep_days)
        if wrong is not None:
            said = {"last_id": kept.last_id, "at": kept.at, "log_ends_at": wrong.log_ends_at}
            problems.append((f"access_anchor.{wrong.kind}", said))
    return AnchorReport(kept, problems)
