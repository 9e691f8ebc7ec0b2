"""The access log anchored outside the database: its head (row count, last id and hash) signed
with HMAC-SHA256 by a key kept beside the data keys, appended to an append-only file and written
to the operator's log. `meldpunt accesslog verify` checks the chain against the latest checkpoint
(adapters/db/access_checkpoint.py), so a log cut at its end or rewritten whole no longer passes.

One line of the file is one checkpoint; a line whose signature the key does not give is a
forgery (or damage), said as such and never trusted."""

import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy import Engine

from adapters.crypto import load_or_create_secret_file
from adapters.db.access_checkpoint import Checkpoint, checkpoint
from config.settings import Settings

log = structlog.get_logger(__name__)


class NoCheckpointKey(Exception):
    """Checkpoints to check, but no key to check their signatures with."""


def sign(key: bytes, kept: Checkpoint) -> str:
    content = {name: value for name, value in kept.to_json().items() if name != "signature"}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def signed_by(key: bytes, kept: Checkpoint) -> bool:
    return kept.signature is not None and hmac.compare_digest(sign(key, kept), kept.signature)


@dataclass(frozen=True)
class Checkpoints:
    """What the file holds: the latest checkpoint the key signed, and the lines it did not."""

    path: Path
    latest: Checkpoint | None = None
    forged_lines: list[int] = field(default_factory=list)


def read_checkpoints(settings: Settings) -> Checkpoints:
    """The checkpoints kept so far; never creates the key (NoCheckpointKey when lines are
    there and the key is not)."""
    path = settings.access_checkpoint_file
    if not path.exists():
        return Checkpoints(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if not any(line.strip() for line in lines):
        return Checkpoints(path)
    if not settings.access_checkpoint_key_file.exists():
        raise NoCheckpointKey(str(settings.access_checkpoint_key_file))
    key = load_or_create_secret_file(settings.access_checkpoint_key_file)
    latest, forged = None, []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        kept = _parsed(line)
        if kept is not None and signed_by(key, kept):
            latest = kept
        else:
            forged.append(number)
    return Checkpoints(path, latest, forged)


def _parsed(line: str) -> Checkpoint | None:
    try:
        return Checkpoint.from_json(json.loads(line))
    except (ValueError, TypeError):
        return None


def record_checkpoint(engine: Engine, settings: Settings, now: datetime) -> tuple[Checkpoint, bool]:
    """Sign the log's head and append it to the file and the operator's log; not again while
    the head is the latest checkpoint's (so a rerun says nothing twice). Returns the checkpoint
    and whether it is a new one."""
    key = load_or_create_secret_file(settings.access_checkpoint_key_file)
    head = checkpoint(engine, now)
    kept = read_checkpoints(settings).latest
    if kept is not None and (kept.last_id, kept.last_hash) == (head.last_id, head.last_hash):
        return kept, False
    signed = head.with_signature(sign(key, head))
    _append(settings.access_checkpoint_file, signed.to_json())
    log.info("access log checkpoint", **signed.to_json())
    return signed, True


def _append(path: Path, value: dict[str, Any]) -> None:
    """One whole line, appended (O_APPEND: never over what is there), on disk before we go on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(value, sort_keys=True, separators=(",", ":")) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)
