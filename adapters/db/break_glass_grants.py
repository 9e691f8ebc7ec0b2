"""Break-the-glass grants: the first read of a case outside one's scope, with a stated reason,
opens that case to that person for a bounded time (MELDPUNT_BREAK_GLASS_HOURS); the team lead
is told at once (a notification in the same transaction) and reviews each grant: `open`,
`justified` or `not_justified`, by whom, when and why (docs/privacy.md)."""

import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from adapters.db.tables import break_glass_grants, notifications

Clock = Callable[[], datetime]
TEAM_LEAD = "role:team_lead"
OPEN, JUSTIFIED, NOT_JUSTIFIED = "open", "justified", "not_justified"
VERDICTS = (JUSTIFIED, NOT_JUSTIFIED)


def _said(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in row.items()
    }


class BreakGlassGrants:
    def __init__(self, engine: Engine, clock: Clock, hours: int) -> None:
        self.engine = engine
        self.clock = clock
        self.hours = hours

    def active(self, actor: str, case_id: str) -> dict[str, Any] | None:
        """The grant that opens `case_id` to `actor` now, if any."""
        query = (
            select(break_glass_grants)
            .where(
                break_glass_grants.c.actor == actor,
                break_glass_grants.c.case_id == case_id,
                break_glass_grants.c.expires_at > self.clock(),
            )
            .order_by(break_glass_grants.c.expires_at.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            found = conn.execute(query).mappings().first()
        return dict(found) if found else None

    def grant(self, actor: str, role: str, case_id: str, reason: str) -> dict[str, Any]:
        """A new grant, and the team lead told of it, in one transaction."""
        now = self.clock()
        expires = now + timedelta(hours=self.hours)
        row: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "actor": actor,
            "role": role,
            "case_id": case_id,
            "reason": reason,
            "granted_at": now,
            "expires_at": expires,
            "review_state": OPEN,
        }
        # No personal data in a notification: the reason is read on the review list.
        details = {"actor": actor, "expires_at": expires.isoformat()}
        told = {
            "recipient": TEAM_LEAD,
            "kind": "break_glass_granted",
            "case_id": case_id,
            "event_id": None,
            "details": json.dumps(details, sort_keys=True),
            "created_at": now,
        }
        with self.engine.begin() as conn:
            conn.execute(insert(break_glass_grants), row)
            conn.execute(insert(notifications), told)
        return row

    def page(self, open_only: bool, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """Grants, oldest first; with `open_only`, those not reviewed yet; and how many."""
        where = [break_glass_grants.c.review_state == OPEN] if open_only else []
        query = select(break_glass_grants).where(*where)
        query = query.order_by(break_glass_grants.c.granted_at, break_glass_grants.c.id)
        count = select(func.count()).select_from(break_glass_grants).where(*where)
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).mappings()
            found = [_said(dict(r)) for r in rows]
            return found, conn.execute(count).scalar_one()

    def review(self, grant_id: str, verdict: str, reviewer: str, why: str) -> dict[str, Any] | None:
        """Record the team lead's verdict on an open grant; None when there is no open one."""
        query = (
            update(break_glass_grants)
            .where(break_glass_grants.c.id == grant_id, break_glass_grants.c.review_state == OPEN)
            .values(
                review_state=verdict,
                reviewed_by=reviewer,
                reviewed_at=self.clock(),
                review_reason=why,
            )
        )
        with self.engine.begin() as conn:
            if conn.execute(query).rowcount != 1:
                return None
            row = conn.execute(
                select(break_glass_grants).where(break_glass_grants.c.id == grant_id)
            ).mappings()
            return _said(dict(row.one()))
