"""Read views for people: a case with its history, lists of cases, a person's notifications.

Reads go around the aggregate (as in cosmicpython's views): they change nothing.
"""

import json
from typing import Any

from sqlalchemy import Engine, or_, select

from adapters.crypto import FieldCipher
from adapters.db.case_parts import load_consents
from adapters.db.disclosures import disclosures_of
from adapters.db.tables import case_history, case_links, cases, notifications
from states import State, allowed_triggers
from workflow.consent import Consent
from workflow.errors import CaseNotFound


class CaseViews:
    def __init__(self, engine: Engine, cipher: FieldCipher) -> None:
        self.engine = engine
        self.cipher = cipher

    def case_detail(self, case_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn, conn.begin():
            row = conn.execute(select(cases).where(cases.c.id == case_id)).mappings().first()
            if row is None:
                raise CaseNotFound(case_id)
            history = (
                conn.execute(
                    select(case_history)
                    .where(case_history.c.case_id == case_id)
                    .order_by(case_history.c.seq)
                )
                .mappings()
                .all()
            )
            links = (
                conn.execute(
                    select(case_links).where(
                        or_(case_links.c.case_id == case_id, case_links.c.linked_case_id == case_id)
                    )
                )
                .mappings()
                .all()
            )
        detail = _case_summary(row)
        detail["risk_floor"] = row["risk_floor"]
        detail["age_at_report"] = row["age_at_report"]
        detail["linked_cases"] = [_link(case_id, link) for link in links]
        with self.engine.connect() as conn, conn.begin():  # the driver path begins none
            detail["consents"] = [_consent(c) for c in load_consents(conn, case_id)]
            detail["disclosures"] = disclosures_of(conn, case_id)
        detail["allowed_triggers"] = [t.value for t in allowed_triggers(State(row["state"]))]
        detail["history"] = [
            {
                "seq": h["seq"],
                "trigger": h["trigger"],
                "from_state": h["from_state"],
                "to_state": h["to_state"],
                "actor": h["actor"],
                "occurred_at": h["occurred_at"].isoformat(),
                "data": json.loads(self.cipher.decrypt(h["data"])),
                "correlation_id": h["correlation_id"],
            }
            for h in history
        ]
        return detail

    def last_assessment(self, case_id: str) -> dict[str, Any] | None:
        """The data of the case's latest risk assessment, decrypted, or None."""
        with self.engine.connect() as conn, conn.begin():
            if conn.execute(select(cases.c.id).where(cases.c.id == case_id)).first() is None:
                raise CaseNotFound(case_id)
            data = conn.execute(
                select(case_history.c.data)
                .where(case_history.c.case_id == case_id, case_history.c.trigger == "assess_risk")
                .order_by(case_history.c.seq.desc())
                .limit(1)
            ).scalar()
        return None if data is None else dict(json.loads(self.cipher.decrypt(data)))

    def case_list(
        self,
        state: str | None = None,
        case_director: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        query = select(cases).order_by(cases.c.received_at, cases.c.id).limit(limit).offset(offset)
        if state is not None:
            query = query.where(cases.c.state == state)
        if case_director is not None:
            query = query.where(cases.c.case_director == case_director)
        with self.engine.connect() as conn, conn.begin():
            return [_case_summary(r) for r in conn.execute(query).mappings()]

    def notifications_for(self, recipient: str, limit: int = 100) -> list[dict[str, Any]]:
        query = (
            select(notifications)
            .where(notifications.c.recipient == recipient)
            .order_by(notifications.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn, conn.begin():
            return [
                {
                    "id": r["id"],
                    "kind": r["kind"],
                    "case_id": r["case_id"],
                    "message": r["message"],
                    "created_at": r["created_at"].isoformat(),
                }
                for r in conn.execute(query).mappings()
            ]


def _case_summary(row: Any) -> dict[str, Any]:
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
    }


def _consent(consent: Consent) -> dict[str, Any]:
    return {
        "consent_id": consent.consent_id,
        "scope": consent.scope.value,
        "partner": consent.partner,
        "given_by": consent.given_by.value,
        "given_at": consent.given_at.isoformat(),
        "recorded_by": consent.recorded_by,
        "withdrawn_at": _iso(consent.withdrawn_at),
        "withdrawn_by": consent.withdrawn_by,
    }


def _link(case_id: str, link: Any) -> dict[str, Any]:
    """A link seen from `case_id`: the other case, how they are linked, and who decided."""
    other = link["linked_case_id"] if link["case_id"] == case_id else link["case_id"]
    return {
        "case_id": other,
        "kind": link["kind"],
        "status": link["status"],
        "score": link["score"],
        "decided_by": link["decided_by"],
        "decided_at": _iso(link["decided_at"]),
    }


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None
