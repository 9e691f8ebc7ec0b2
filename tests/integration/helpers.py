"""Small helpers for integration tests: driving a case and counting rows."""

import json
from typing import Any

from sqlalchemy import Engine, func, select

from adapters.bootstrap import App
from adapters.db.case_queries import CaseFilter
from adapters.db.tables import disclosures, metadata
from handlers.cases import CaseRef
from tests.conftest import new_report
from workflow.access import Scope
from workflow.commands import FireTrigger, RegisterReport
from workflow.report import Report
from workflow.transition_data import transition_data

ASSESS_HIGH = {"level": "high", "indicators": ["runs_away"], "rationale": "runs away weekly"}
ASSESS_ACUTE = {**ASSESS_HIGH, "level": "acute"}
START = {"case_director": "anna", "plan": "plan van aanpak"}


def register(app: App, report: Report | dict[str, Any] | None = None) -> CaseRef:
    """Register `report` (a Report, or its JSON form), or the example report about a person of
    its own."""
    command = RegisterReport(actor="intake", report=report or new_report())
    ref: CaseRef = app.bus.handle(command)
    return ref


def fire(app: App, case_id: str, trigger: str, data: dict[str, Any], **kw: Any) -> CaseRef:
    ref: CaseRef = app.bus.handle(
        FireTrigger(actor="anna", case_id=case_id, data=transition_data(trigger, data), **kw)
    )
    return ref


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table of the schema (but the access log's head, which the schema seeds)."""
    with engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in metadata.tables.items()
            # the schema and the fixtures seed them
            if name not in ("access_log_head", "users", "user_roles")
        }


def notifications_for(app: App, recipient: str) -> list[dict[str, Any]]:
    """The notifications stored for `recipient`, newest first (the first hundred)."""
    rows, _ = app.notifications.page([recipient], limit=100, offset=0)
    return rows


def all_cases(app: App) -> list[dict[str, Any]]:
    """Every case, oldest report first, as the case list shows them (the first hundred)."""
    rows, _ = app.queries.page(Scope(everything=True), CaseFilter(), app.clock(), 100, 0)
    return rows


def disclosed(app: App, case_id: str) -> list[dict[str, Any]]:
    """What was queued for partners about the case, oldest first: partner, event type and the
    decrypted payload, whatever its delivery status."""
    query = select(disclosures).where(disclosures.c.case_id == case_id).order_by(disclosures.c.id)
    with app.engine.connect() as conn:
        return [
            {
                "partner": r.partner,
                "event_type": r.event_type,
                **json.loads(app.cipher.decrypt(r.payload)),
            }
            for r in conn.execute(query)
        ]
