"""Look-ups across cases, on the unit of work's connection: earlier cases of the same person for
the intake, due alerts and feedback for the sweeps, and for partners a case's state and the
last data of a trigger as they were at a given version."""

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, String, bindparam, or_, select

from adapters.crypto import FieldCipher
from adapters.db.tables import case_history, case_links, cases, reports
from states import RiskLevel, State
from workflow.errors import CaseNotFound
from workflow.history import HistoryEntry
from workflow.links import OPEN, POSSIBLE_DUPLICATE, EarlierCase
from workflow.report import Report
from workflow.subjects import SubjectIdentity

_EARLIER = select(
    cases.c.id,
    cases.c.state,
    cases.c.received_at,
    cases.c.state_entered_at,
    cases.c.risk_level,
    cases.c.case_director,
)
# Two keys at most (subject key, name and date of birth); one key is passed twice.
_KEYS = (bindparam("key_0", type_=String()), bindparam("key_1", type_=String()))
_SAME_SUBJECT = _EARLIER.where(or_(cases.c.subject_key.in_(_KEYS), cases.c.name_dob_key.in_(_KEYS)))
_SAME_BIRTH_DATE = (
    select(cases.c.id, reports.c.content)
    .join(reports, reports.c.case_id == cases.c.id)
    .where(cases.c.dob_key == bindparam("dob_key"))
)
_OTHER_SUBJECT = _SAME_BIRTH_DATE.where(
    or_(cases.c.subject_key.is_(None), cases.c.subject_key != bindparam("subject_key"))
)


def earlier_case(connection: Connection, case_id: str) -> EarlierCase:
    """What intake needs to know of another case; raises CaseNotFound."""
    found = _earlier(connection.execute(_EARLIER.where(cases.c.id == case_id)))
    if not found:
        raise CaseNotFound(case_id)
    return found[0]


def same_subject(connection: Connection, identity: SubjectIdentity) -> list[EarlierCase]:
    keys = [k for k in (identity.subject_key, identity.name_dob_key) if k]
    if not keys:
        return []
    return _earlier(connection.execute(_SAME_SUBJECT, {"key_0": keys[0], "key_1": keys[-1]}))


def _earlier(rows: Iterable[Any]) -> list[EarlierCase]:
    return [
        EarlierCase(
            row.id,
            State(row.state),
            row.received_at,
            row.state_entered_at if row.state == State.CLOSED else None,
            RiskLevel(row.risk_level) if row.risk_level else None,
            row.case_director,
        )
        for row in rows
    ]


def same_birth_date(
    connection: Connection, cipher: FieldCipher, identity: SubjectIdentity
) -> list[tuple[str, str | None]]:
    """(case id, subject name) of cases with the same date of birth but another subject key;
    names are decrypted here, in memory, only to be compared."""
    if identity.dob_key is None:
        return []
    if identity.subject_key is None:
        rows = connection.execute(_SAME_BIRTH_DATE, {"dob_key": identity.dob_key})
    else:
        params = {"dob_key": identity.dob_key, "subject_key": identity.subject_key}
        rows = connection.execute(_OTHER_SUBJECT, params)
    found = []
    for row in rows:
        report = Report.model_validate_json(cipher.decrypt(row.content))
        found.append((row.id, report.subject.name))
    return found


def open_duplicates(connection: Connection, case_id: str) -> list[str]:
    query = select(case_links.c.linked_case_id).where(
        case_links.c.case_id == case_id,
        case_links.c.kind == POSSIBLE_DUPLICATE,
        case_links.c.status == OPEN,
    )
    return list(connection.execute(query).scalars())


def last_entry(
    connection: Connection,
    cipher: FieldCipher,
    case_id: str,
    trigger: str,
    as_of: int | None = None,
) -> HistoryEntry | None:
    query = select(case_history).where(
        case_history.c.case_id == case_id, case_history.c.trigger == trigger
    )
    if as_of is not None:
        query = query.where(case_history.c.seq <= as_of)
    row = connection.execute(query.order_by(case_history.c.seq.desc()).limit(1)).first()
    if row is None:
        return None
    return HistoryEntry(
        row.seq,
        row.trigger,
        State(row.from_state) if row.from_state else None,
        State(row.to_state),
        row.actor,
        row.occurred_at,
        dict(json.loads(cipher.decrypt(row.data))),
        row.correlation_id,
    )


def state_at(connection: Connection, case_id: str, version: int) -> State:
    found = connection.execute(
        select(case_history.c.to_state).where(
            case_history.c.case_id == case_id, case_history.c.seq == version
        )
    ).scalar()
    if found is None:
        raise CaseNotFound(case_id)
    return State(found)


def due_alerts(connection: Connection, now: datetime, follow_ups: bool, limit: int) -> list[str]:
    kind = cases.c.deadline_kind == "follow_up"
    query = (
        select(cases.c.id)
        .where(cases.c.next_alert_at <= now, kind if follow_ups else ~kind)
        .order_by(cases.c.next_alert_at)
        .limit(limit)
    )
    return list(connection.execute(query).scalars())


def feedback_due(connection: Connection, now: datetime, limit: int) -> list[str]:
    query = (
        select(cases.c.id)
        .where(cases.c.feedback_alert_at <= now)
        .order_by(cases.c.feedback_alert_at)
        .limit(limit)
    )
    return list(connection.execute(query).scalars())
