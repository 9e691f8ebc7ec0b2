"""The access log's hash chain: each row's hash covers its content and the previous row's hash,
and ids are gapless, so an edited, inserted or deleted row breaks the chain where it happened.
The head row records the last id and hash, so a deleted tail is found too.

Rows are appended in the transaction of what they log: a command's rows with its other writes
(adapters/db/commit.py), a read's rows in a transaction of their own. The head row is locked for
the append, so two writers cannot fork the chain (SQLite's BEGIN IMMEDIATE serialises them
anyway)."""

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from adapters.db.tables import access_log, access_log_anchor, access_log_head
from workflow.access import AccessEntry

GENESIS = "0" * 64

# The columns a row's hash covers, in a fixed order; a new column must be added here too.
HASHED = (
    "id",
    "at",
    "actor",
    "role",
    "on_behalf_of",
    "via",
    "client",
    "action",
    "resource",
    "case_id",
    "subject_key",
    "fields",
    "purpose",
    "outcome",
    "break_glass",
    "reason",
    "prev_hash",
)


_HEAD = select(access_log_head.c.last_id, access_log_head.c.last_hash).with_for_update()


def append(
    connection: Connection, entries: Sequence[tuple[AccessEntry, str | None]], at: datetime
) -> None:
    """Append `entries` (each with the subject key of its case) to the chain, in the
    connection's transaction."""
    at = at.astimezone(UTC)  # hashed as text: one offset, always
    head = connection.execute(_HEAD).first()
    if head is None:  # a database from before the head row was seeded (migration 0007)
        connection.execute(insert(access_log_head), {"id": 1, "last_id": 0, "last_hash": GENESIS})
        last_id, last_hash = 0, GENESIS
    else:
        last_id, last_hash = head.last_id, head.last_hash
    rows = []
    for entry, subject_key in entries:
        last_id += 1
        row = _row(entry, last_id, at, subject_key, last_hash)
        row["row_hash"] = last_hash = row_hash(row)
        rows.append(row)
    connection.execute(insert(access_log), rows)
    connection.execute(
        update(access_log_head)
        .where(access_log_head.c.id == 1)
        .values(last_id=last_id, last_hash=last_hash)
    )


def _row(
    entry: AccessEntry, row_id: int, at: datetime, subject_key: str | None, prev_hash: str
) -> dict[str, Any]:
    return {
        "id": row_id,
        "at": at,
        "actor": entry.actor,
        "role": entry.role,
        "on_behalf_of": entry.on_behalf_of,
        "via": entry.via,
        "client": entry.client,
        "action": entry.action,
        "resource": entry.resource,
        "case_id": entry.case_id,
        "subject_key": subject_key,
        "fields": ",".join(entry.fields) or None,
        "purpose": entry.purpose,
        "outcome": entry.outcome,
        "break_glass": entry.break_glass,
        "reason": entry.reason,
        "prev_hash": prev_hash,
    }


def row_hash(row: Mapping[Any, Any]) -> str:
    content = {name: row[name] for name in HASHED}
    content["at"] = row["at"].isoformat()
    content["break_glass"] = bool(row["break_glass"])
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    rows_checked: int
    first_broken_id: int | None = None
    problem: str = ""


def check_rows(
    rows: Iterable[Mapping[Any, Any]],
    head: Mapping[Any, Any] | None,
    start: tuple[int, str] = (1, GENESIS),
) -> ChainReport:
    """`start`: the first row's id and the hash it follows (after pruning: the anchor's)."""
    (expected_id, previous), count = start, 0
    for row in rows:
        if row["id"] != expected_id:
            return ChainReport(False, count, expected_id, f"row {expected_id} is missing")
        if row["prev_hash"] != previous:
            return ChainReport(False, count, row["id"], "does not follow the row before it")
        if row_hash(row) != row["row_hash"]:
            return ChainReport(False, count, row["id"], "content does not match its hash")
        previous, expected_id, count = row["row_hash"], expected_id + 1, count + 1
    last_id, last_hash = (head["last_id"], head["last_hash"]) if head else (0, GENESIS)
    if (last_id, last_hash) != (expected_id - 1, previous):
        problem = f"the head names row {last_id}, the chain ends at row {expected_id - 1}"
        return ChainReport(False, count, min(last_id, expected_id - 1) + 1, problem)
    return ChainReport(True, count)


def verify(connection: Connection) -> ChainReport:
    head = connection.execute(select(access_log_head)).mappings().first()
    rows = connection.execution_options(yield_per=1000).execute(
        select(access_log).order_by(access_log.c.id)
    )
    anchor = connection.execute(select(access_log_anchor)).first()
    start = (anchor.first_id, anchor.prev_hash) if anchor else (1, GENESIS)
    return check_rows(rows.mappings(), head, start)
