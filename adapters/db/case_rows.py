"""Mapping between a Case and its row in `cases`, in one place for the repository and the sweeps."""

from datetime import datetime
from typing import Any

from states import RiskLevel, State
from workflow.alerts import Alerts
from workflow.case import Case
from workflow.retention import ArchiveStatus, ArchiveTerms, Nomination
from workflow.subjects import SubjectIdentity


def case_from_row(row: Any) -> Case:
    """From a row of `cases`: a SQLAlchemy Row or the driver path's named tuple."""
    return Case(
        id=row.id,
        state=State(row.state),
        version=row.version,
        received_at=row.received_at,
        municipality=row.municipality,
        risk_level=RiskLevel(row.risk_level) if row.risk_level else None,
        case_director=row.case_director,
        closing_result=row.closing_result,
        state_entered_at=row.state_entered_at,
        last_activity_at=row.last_activity_at,
        needs_plan=row.needs_plan,
        scaled_down_at=row.scaled_down_at,
        follow_ups_done=row.follow_ups_done,
        alerts=Alerts(
            deadline_at=row.deadline_at,
            deadline_kind=row.deadline_kind,
            stage=row.alert_stage,
            next_alert_at=row.next_alert_at,
            feedback_due_at=row.feedback_due_at,
            feedback_alert_at=row.feedback_alert_at,
        ),
        identity=SubjectIdentity(row.subject_key, row.name_dob_key, row.dob_key),
        age_at_report=row.age_at_report,
        risk_floor=RiskLevel(row.risk_floor) if row.risk_floor else None,
        suggested_risk_level=RiskLevel(row.suggested_risk_level)
        if row.suggested_risk_level
        else None,
        awaiting_confirmation=row.awaiting_confirmation,
        restricted=row.restricted,
        archive=_archive(row),
    )


def _archive(row: Any) -> ArchiveTerms | None:
    if row.archive_nomination is None:
        return None
    return ArchiveTerms(
        Nomination(row.archive_nomination),
        row.archive_action_date,
        ArchiveStatus(row.archive_status),
        row.retention_rule,
    )


def case_values(case: Case, now: datetime) -> dict[str, Any]:
    """The columns a change may touch (not id, received_at, municipality, created_at)."""
    alerts = case.alerts
    return {
        "state": case.state.value,
        "version": case.version,
        "risk_level": case.risk_level.value if case.risk_level else None,
        "case_director": case.case_director,
        "closing_result": case.closing_result,
        "updated_at": now,
        "state_entered_at": case.state_entered_at,
        "last_activity_at": case.last_activity_at,
        "needs_plan": case.needs_plan,
        "scaled_down_at": case.scaled_down_at,
        "follow_ups_done": case.follow_ups_done,
        "deadline_at": alerts.deadline_at,
        "deadline_kind": alerts.deadline_kind,
        "alert_stage": alerts.stage,
        "next_alert_at": alerts.next_alert_at,
        "feedback_due_at": alerts.feedback_due_at,
        "feedback_alert_at": alerts.feedback_alert_at,
        "risk_floor": case.risk_floor.value if case.risk_floor else None,
        "suggested_risk_level": case.suggested_risk_level.value
        if case.suggested_risk_level
        else None,
        "awaiting_confirmation": case.awaiting_confirmation,
        "urgent": case.is_acute,
        "restricted": case.restricted,
        "archive_nomination": case.archive.nomination.value if case.archive else None,
        "archive_action_date": case.archive.action_date if case.archive else None,
        "archive_status": case.archive.status.value if case.archive else None,
        "retention_rule": case.archive.rule if case.archive else None,
    }


def new_case_values(case: Case) -> dict[str, Any]:
    """Columns set once, when the case is registered."""
    identity = case.identity
    return {
        "id": case.id,
        "received_at": case.received_at,
        "municipality": case.municipality,
        "age_at_report": case.age_at_report,
        "subject_key": identity.subject_key if identity else None,
        "name_dob_key": identity.name_dob_key if identity else None,
        "dob_key": identity.dob_key if identity else None,
    }
