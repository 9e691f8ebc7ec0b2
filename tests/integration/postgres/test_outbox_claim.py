"""A claim reads only what it takes: the relay walks the pending rows in id order through the
(status, id) index and stops at its batch size, however long the backlog (a broker outage
builds one) and however fresh the table's statistics."""

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Connection, insert, update

from adapters.bootstrap import App
from adapters.db.outbox import DONE, claim_query, oldest_first
from adapters.db.tables import outbox

pytestmark = pytest.mark.postgres


def plan_nodes(node: dict[str, Any]) -> list[str]:
    return [node["Node Type"], *(n for child in node.get("Plans", []) for n in plan_nodes(child))]


def claim_plan(conn: Connection, now: datetime) -> list[str]:
    compiled = claim_query(now, 100, lock=True).compile(dialect=conn.dialect)
    explained = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + compiled.string, compiled.params)
    return plan_nodes(explained.scalar()[0]["Plan"])


def test_a_claim_walks_the_index_instead_of_sorting_the_backlog(postgres_app: App) -> None:
    now = datetime.now(UTC)
    rows = [
        {
            "event_id": str(uuid.uuid4()),
            "event_type": "ReportReceived",
            "case_id": "c",
            "payload": "{}",
            "created_at": now,
            "status": "pending",
            "attempts": 0,
            "available_at": now,
        }
        for _ in range(5000)
    ]
    with postgres_app.engine.begin() as conn:  # a backlog, half of it relayed since
        conn.execute(insert(outbox), rows)
        conn.execute(update(outbox).where(outbox.c.id <= 2500).values(status=DONE))

    with postgres_app.engine.begin() as conn:
        oldest_first(conn)
        nodes = claim_plan(conn, now)

    assert "Index Scan" in nodes
    assert "Sort" not in nodes and "Bitmap Heap Scan" not in nodes
