"""The read model of cases, one query per question, for every entry point alike (CLI, HTTP API):
a case's standing for the access rule, a case in full, a page of cases in a scope, a case's
latest risk assessment. Reads go around the aggregate (as cosmicpython's views do): they change
nothing. The entry points format what these return; they do not query."""

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, false, func, or_, select, true

from adapters.crypto import FieldCipher
from adapters.db.disclosures import disclosures_of
from adapters.db.retention_queries import archive_of
from adapters.db.tables import case_history, case_links, cases, consents, reports, users
from states import State, allowed_triggers
from workflow.access import CaseStanding, Scope
from workflow.errors import CaseNotFound
from workflow.report import Report

# Every list of cases in this order: acute ones first, then by deadline (none last), then age.
URGENCY = (
    cases.c.urgent.desc(),
    cases.c.deadline_at.is_(None),
    cases.c.deadline_at,
    cases.c.received_at,
    cases.c.id,
)
_director_team = select(users.c.team).where(users.c.name == cases.c.case_director).scalar_subquery()


@dataclass(frozen=True)
class CaseFilter:
    state: str | None = None
    municipality: str | None = None
    risk_level: str | None = None
    stalled: bool | None = None
    case_director: str | None = None
    overdue: bool | None = None  # the deadline has passed

    def given(self) -> list[str]:
        return [name for name, value in vars(self).items() if value is not None]


class CaseQueries:
    def __init__(self, engine: Engine, cipher: FieldCipher) -> None:
        self.engine = engine
        self.cipher = cipher

    def standing(self, case_id: str) -> CaseStanding:
        """What the access rule needs to know of the case; raises CaseNotFound."""
        query = select(
            cases.c.id,
            cases.c.state,
            cases.c.case_director,
            cases.c.subject_key,
            cases.c.restricted,
            _director_team.label("team"),
        ).where(cases.c.id == case_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise CaseNotFound(case_id)
        return CaseStanding(
            row.id, State(row.state), row.case_director, row.team, row.subject_key, row.restricted
        )

    def detail(self, case_id: str) -> dict[str, Any]:
        """A case with its deadlines, allowed triggers, history, links, consents, disclosures."""
        with self.engine.connect() as conn:
            row = conn.execute(select(cases).where(cases.c.id == case_id)).mappings().first()
            if row is None:
                raise CaseNotFound(case_id)
            detail = summary(row)
            detail["risk_floor"] = row["risk_floor"]
            detail["age_at_report"] = row["age_at_report"]
            detail["allowed_triggers"] = [t.value for t in allowed_triggers(State(row["state"]))]
            detail["history"] = history_of(conn, self.cipher, case_id)
            detail["linked_cases"] = links_of(conn, case_id)
            detail["consents"] = consents_of(conn, case_id)
            detail["disclosures"] = disclosures_of(conn, case_id)
            detail.update(archive_of(conn, row))
        return detail

    def risk(self, case_id: str) -> dict[str, Any]:
        """What the case's risk rests on: the suggestion of the report's signals at intake,
        those signals, and the latest assessment (None before the first)."""
        with self.engine.connect() as conn:
            content = conn.execute(
                select(reports.c.content).where(reports.c.case_id == case_id)
            ).scalar()
            if content is None:
                raise CaseNotFound(case_id)
            register = conn.execute(
                select(case_history.c.data).where(
                    case_history.c.case_id == case_id, case_history.c.seq == 1
                )
            ).scalar_one()
        report = Report.model_validate_json(self.cipher.decrypt(content))
        intake = json.loads(self.cipher.decrypt(register))
        return {
            "suggestion": intake.get("suggestion"),
            "reported_signals": report.signals,
            "assessment": self.last_assessment(case_id),
        }

    def last_assessment(self, case_id: str) -> dict[str, Any] | None:
        """The data of the case's latest risk assessment, decrypted, or None."""
        with self.engine.connect() as conn:
            if conn.execute(select(cases.c.id).where(cases.c.id == case_id)).first() is None:
                raise CaseNotFound(case_id)
            data = conn.execute(
                select(case_history.c.data)
                .where(
                    case_history.c.case_id == case_id,
                    case_history.c.trigger.in_(("assess_risk", "reassess_risk")),
                )
                .order_by(case_history.c.seq.desc())
                .limit(1)
            ).scalar()
        return None if data is None else dict(json.loads(self.cipher.decrypt(data)))

    def page(
        self, scope: Scope, where: CaseFilter, now: datetime, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        """Cases in `scope` that match `where`, the most urgent first (acute, then the nearest
        deadline, then the oldest report), and how many match."""
        conditions = [scoped(scope), *_filters(where, now)]
        counted = select(func.count()).select_from(cases).where(*conditions)
        query = select(cases).where(*conditions).order_by(*URGENCY).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            total = conn.execute(counted).scalar_one()
            return [summary(r) for r in conn.execute(query).mappings()], total

    def window(
        self, scope: Scope, where: CaseFilter, now: datetime, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], bool]:
        """As `page`, without the count, which costs what the scope holds: a page of cases
        and whether more follow (one row more is asked for). The web worklist's read."""
        conditions = [scoped(scope), *_filters(where, now)]
        query = select(cases).where(*conditions).order_by(*URGENCY).limit(limit + 1)
        with self.engine.connect() as conn:
            rows = [summary(r) for r in conn.execute(query.offset(offset)).mappings()]
        return rows[:limit], len(rows) > limit


def summary(row: Any) -> dict[str, Any]:
    """A row of `cases` as a list shows it."""
    return {
        "case_id": row["id"],
        "state": row["state"],
        "version": row["version"],
        "received_at": row["received_at"].isoformat(),
        "municipality": row["municipality"],
        "risk_level": row["risk_level"],
        "case_director": row["case_director"],
        "closing_result": row["closing_result"],
        "updated_at": row["updated_at"].isoformat(),
        "deadline_at": _iso(row["deadline_at"]),
        "deadline_kind": row["deadline_kind"],
        "alert_stage": row["alert_stage"],
        "follow_ups_done": row["follow_ups_done"],
        "feedback_due_at": _iso(row["feedback_due_at"]),
        "suggested_risk_level": row["suggested_risk_level"],
        "awaiting_confirmation": row["awaiting_confirmation"],
        "urgent": row["urgent"],
    }


def history_of(conn: Connection, cipher: FieldCipher, case_id: str) -> list[dict[str, Any]]:
    """The case's timeline, oldest first, its data decrypted."""
    query = select(case_history).where(case_history.c.case_id == case_id)
    return [
        {
            "seq": h["seq"],
            "trigger": h["trigger"],
            "from_state": h["from_state"],
            "to_state": h["to_state"],
            "actor": h["actor"],
            "occurred_at": h["occurred_at"].isoformat(),
            "data": json.loads(cipher.decrypt(h["data"])),
            "correlation_id": h["correlation_id"],
        }
        for h in conn.execute(query.order_by(case_history.c.seq)).mappings()
    ]


def links_of(conn: Connection, case_id: str) -> list[dict[str, Any]]:
    """Links seen from `case_id`: the other case, how they are linked, and who decided."""
    either = or_(case_links.c.case_id == case_id, case_links.c.linked_case_id == case_id)
    return [
        {
            "case_id": link["linked_case_id"] if link["case_id"] == case_id else link["case_id"],
            "kind": link["kind"],
            "status": link["status"],
            "score": link["score"],
            "decided_by": link["decided_by"],
            "decided_at": _iso(link["decided_at"]),
        }
        for link in conn.execute(select(case_links).where(either)).mappings()
    ]


def consents_of(conn: Connection, case_id: str) -> list[dict[str, Any]]:
    query = select(consents).where(consents.c.case_id == case_id).order_by(consents.c.given_at)
    return [
        {
            "consent_id": c["consent_id"],
            "scope": c["scope"],
            "partner": c["partner"],
            "given_by": c["given_by"],
            "given_at": c["given_at"].isoformat(),
            "recorded_by": c["recorded_by"],
            "withdrawn_at": _iso(c["withdrawn_at"]),
            "withdrawn_by": c["withdrawn_by"],
        }
        for c in conn.execute(query).mappings()
    ]


def scoped(scope: Scope) -> ColumnElement[bool]:
    """The `Scope` of workflow/access.py as SQL."""
    if not scope.restricted:
        return and_(cases.c.restricted.is_(False), scoped(replace(scope, restricted=True)))
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
    if where.overdue is not None:
        gone = cases.c.deadline_at < now
        found.append(gone if where.overdue else or_(cases.c.deadline_at.is_(None), ~gone))
    return found


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
