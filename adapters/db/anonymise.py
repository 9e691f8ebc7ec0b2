"""Anonymising one case in the caller's transaction: the identifying data is destroyed, what the
figures need stays (docs/retention.md, docs/privacy.md).

Destroyed: the report's names, BSN, birth date, contact details, other identifiers, country of
origin, signals and description; every free text of the history (rationale, plan, advice,
handover, reasons); what was sent to partners; the subject keys and the links to the person's
other cases. Kept: municipality, period (dates), forms of exploitation, age at the report, sex,
risk level, the history's states and moments (lead times), the closing result."""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, or_, select, update

from adapters.crypto import FieldCipher
from adapters.db.tables import case_history, case_links, cases, disclosures, reports
from workflow.report import Report
from workflow.retention import ArchiveStatus

# History data that is a code, not a person's words: kept for the figures.
KEPT_HISTORY_KEYS = frozenset({"level", "result", "suggestion", "advised_party", "kind"})

_HISTORY = select(case_history.c.case_id, case_history.c.seq, case_history.c.data)
_SET_HISTORY = (
    update(case_history)
    .where(case_history.c.case_id == bindparam("c"), case_history.c.seq == bindparam("s"))
    .values(data=bindparam("d"))
)
_SET_REPORT = (
    update(reports).where(reports.c.case_id == bindparam("c")).values(content=bindparam("d"))
)


def anonymous_report(report: Report) -> Report:
    subject = report.subject
    return Report.model_validate(
        {
            "received_at": report.received_at,
            "channel": report.channel,
            "reporter": {"kind": report.reporter.kind},
            "subject": {
                "sex": subject.sex,
                "municipality": subject.municipality,
                "outside_twente": subject.outside_twente,
                "age_estimate": report.age_at_report(),
            },
            "exploitation_forms": report.exploitation_forms,
        }
    )


def anonymise_cases(
    conn: Connection, cipher: FieldCipher, case_ids: Sequence[str], now: datetime
) -> None:
    """Anonymise every case of `case_ids` in the connection's transaction."""
    if not case_ids:
        return
    ids = list(case_ids)
    found = conn.execute(
        select(reports.c.case_id, reports.c.content).where(reports.c.case_id.in_(ids))
    )
    conn.execute(
        _SET_REPORT,
        [{"c": r.case_id, "d": cipher.encrypt(_report_json(cipher, r.content))} for r in found],
    )
    history = conn.execute(_HISTORY.where(case_history.c.case_id.in_(ids))).all()
    if history:
        conn.execute(
            _SET_HISTORY,
            [
                {"c": h.case_id, "s": h.seq, "d": cipher.encrypt(_kept(cipher, h.data))}
                for h in history
            ],
        )
    conn.execute(
        update(disclosures)
        .where(disclosures.c.case_id.in_(ids))
        .values(payload=cipher.encrypt("{}"))
    )
    conn.execute(
        delete(case_links).where(
            or_(case_links.c.case_id.in_(ids), case_links.c.linked_case_id.in_(ids))
        )
    )
    conn.execute(
        update(cases)
        .where(cases.c.id.in_(ids))
        .values(
            subject_key=None,
            name_dob_key=None,
            dob_key=None,
            archive_status=ArchiveStatus.ARCHIVED.value,
            anonymised_at=now,
        )
    )


def _report_json(cipher: FieldCipher, content: bytes) -> str:
    report = Report.model_validate_json(cipher.decrypt(content))
    return anonymous_report(report).model_dump_json()


def _kept(cipher: FieldCipher, data: bytes) -> str:
    values: dict[str, Any] = json.loads(cipher.decrypt(data))
    kept = {k: v for k, v in values.items() if k in KEPT_HISTORY_KEYS and not isinstance(v, dict)}
    return json.dumps(kept, ensure_ascii=False)
