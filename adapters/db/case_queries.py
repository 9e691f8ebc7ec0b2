"""Queries the API needs beside the views: one case's scope facts, and lists of cases filtered
and limited to what the asker may see (the `Scope` of workflow/access.py, as SQL)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, false, func, or_, select, true

from adapters.db.tables import cases, notifications, users
from adapters.db.views import _case_summary
from states import State
from workflow.access import CaseFacts, Scope
from workflow.errors import CaseNotFound

_director_team = select(users.c.team).where(users.c.name == cases.c.case_director).scalar_subquery()


@dataclass(frozen=True)
class CaseFilter:
    state: str | None = None
    municipality: str | None = None
    risk_level: str | None = None
    stalled: bool | None = None
    case_director: str | None = None

    def given(self) -> list[str]:
        return [name for name, value in vars(self).items() if value is not None]


class CaseQueries:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def facts(self, case_id: str) -> CaseFacts:
        query = select(
            cases.c.id,
            cases.c.state,
            cases.c.case_director,
            cases.c.subject_key,
            _director_team.label("team"),
        ).where(cases.c.id == case_id)
        with self.engine.connect() as conn, conn.begin():
            row = conn.execute(query).first()
        if row is None:
            raise CaseNotFound(case_id)
        return CaseFacts(row.id, State(row.state), row.case_director, row.team, row.subject_key)

    def page(
        self, scope: Scope, where: CaseFilter, now: datetime, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        conditions = [scoped(scope), *_filters(where, now)]
        counted = select(func.count()).select_from(cases).where(*conditions)
        query = (
            select(cases)
            .where(*conditions)
            .order_by(cases.c.received_at, cases.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn, conn.begin():
            total = conn.execute(counted).scalar_one()
            return [_case_summary(r) for r in conn.execute(query).mappings()], total

    def notifications(
        self, recipients: list[str], limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        """Notifications for any of `recipients` (a user and their role), newest first."""
        mine = notifications.c.recipient.in_(recipients)
        query = select(notifications).where(mine).order_by(notifications.c.id.desc())
        with self.engine.connect() as conn, conn.begin():
            total = conn.execute(select(func.count()).select_from(notifications).where(mine))
            rows = conn.execute(query.limit(limit).offset(offset)).mappings()
            return [
                {
                    "id": r["id"],
                    "recipient": r["recipient"],
                    "kind": r["kind"],
                    "case_id": r["case_id"],
                    "message": r["message"],
                    "created_at": r["created_at"].isoformat(),
                }
                for r in rows
            ], total.scalar_one()


def scoped(scope: Scope) -> ColumnElement[bool]:
    if scope.everything:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.director is not None:
        parts.append(cases.c.case_director == scope.director)
    if scope.team is not None:
        parts.append(
            cases.c.case_director.in_(select(users.c.name).where(users.c.team == scope.team))
        )
    if scope.unassigned:
        parts.append(cases.c.case_director.is_(None))
    if scope.states:
        parts.append(cases.c.state.in_(sorted(scope.states)))
    return or_(*parts) if parts else false()


def _filters(where: CaseFilter, now: datetime) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if where.state is not None:
        found.append(cases.c.state == where.state)
    if where.municipality is not None:
        found.append(cases.c.municipality == where.municipality)
    if where.risk_level is not None:
        found.append(cases.c.risk_level == where.risk_level)
    if where.case_director is not None:
        found.append(cases.c.case_director == where.case_director)
    if where.stalled is not None:
        # Stalled: an alert is due and not yet said, or one has been said already.
        late = or_(cases.c.next_alert_at <= now, cases.c.alert_stage > 0)
        found.append(late if where.stalled else ~late)
    return found
