"""The case file: everything a case director works from, in one read. The report decrypted (the
person, the reporter and how to reach them, the description), the risk assessment with its
explanation, the plan of approach, activities, follow-ups, consents, disclosures, the cases of
the same person, and the whole timeline. Who may read it, and the access-log row of each read,
is the gate's business (adapters/gate.py)."""

from typing import Any

from sqlalchemy import Engine, select

from adapters.crypto import FieldCipher
from adapters.db.case_queries import consents_of, history_of, links_of, summary
from adapters.db.disclosures import disclosures_of
from adapters.db.tables import cases, reports
from states import State, allowed_triggers
from workflow.errors import CaseNotFound
from workflow.report import Report

# The parts of a file, as the access log names what was read.
PARTS = (
    "report",
    "assessment",
    "plan",
    "activities",
    "follow_ups",
    "consents",
    "disclosures",
    "related_cases",
    "timeline",
)
ASSESSMENTS = ("assess_risk", "reassess_risk")


class CaseFiles:
    def __init__(self, engine: Engine, cipher: FieldCipher) -> None:
        self.engine = engine
        self.cipher = cipher

    def read(self, case_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = conn.execute(select(cases).where(cases.c.id == case_id)).mappings().first()
            if row is None:
                raise CaseNotFound(case_id)
            content = conn.execute(
                select(reports.c.content).where(reports.c.case_id == case_id)
            ).scalar_one()
            timeline = history_of(conn, self.cipher, case_id)
            related = links_of(conn, case_id)
            consents = consents_of(conn, case_id)
            disclosures = disclosures_of(conn, case_id)
        report = Report.model_validate_json(self.cipher.decrypt(content))
        case = summary(row)
        case["risk_floor"] = row["risk_floor"]
        case["age_at_report"] = row["age_at_report"]
        case["allowed_triggers"] = [t.value for t in allowed_triggers(State(row["state"]))]
        return {
            "case": case,
            "report": report.model_dump(mode="json"),
            "assessment": _latest(timeline, ASSESSMENTS),
            "plan": _plan(timeline),
            "activities": _entries(timeline, "record_activity"),
            "follow_ups": _entries(timeline, "record_follow_up"),
            "consents": consents,
            "disclosures": disclosures,
            "related_cases": related,
            "timeline": timeline,
        }


def _entries(timeline: list[dict[str, Any]], trigger: str) -> list[dict[str, Any]]:
    return [
        {"seq": e["seq"], "occurred_at": e["occurred_at"], "actor": e["actor"], **e["data"]}
        for e in timeline
        if e["trigger"] == trigger
    ]


def _latest(timeline: list[dict[str, Any]], triggers: tuple[str, ...]) -> dict[str, Any] | None:
    found = [e for e in timeline if e["trigger"] in triggers]
    if not found:
        return None
    last = found[-1]
    return {
        "seq": last["seq"],
        "occurred_at": last["occurred_at"],
        "actor": last["actor"],
        **last["data"],
    }


def _plan(timeline: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The plan of approach given at the start of case direction, and the plans recorded
    since (a fresh one after escalation or reopening)."""
    started = _latest(timeline, ("start_case_direction",))
    updates = [a for a in _entries(timeline, "record_activity") if a["kind"] == "plan_of_approach"]
    if started is None and not updates:
        return None
    return {"at_start": started, "updates": updates}
