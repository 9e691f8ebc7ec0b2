"""Oversight and one's own things: who am I, my notifications, the access log of a case, the
break-glass review, a data subject's access report, and aggregate figures for analysts."""

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request

from adapters.http.asking import Guarded
from adapters.http.auth import CurrentUser
from adapters.http.paging import Limit, Offset, page
from adapters.http.schemas import AccessRowPage, Me, NotificationPage, Statistics, SubjectReport
from adapters.subject_rights import open_for_rights
from workflow.access import Action, may

router = APIRouter(tags=["oversight"])


@router.get("/me", response_model=Me)
def me(principal: CurrentUser) -> dict[str, Any]:
    """Who the token belongs to, their roles, and the actions those allow together."""
    p = principal
    allowed = [a.value for a in Action if may(p.roles, a)]
    roles = sorted(role.value for role in p.roles)
    return {"name": p.name, "roles": roles, "team": p.team, "via": p.via, "actions": allowed}


@router.get("/notifications", response_model=NotificationPage)
def notifications(
    request: Request, gate: Guarded, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """Notifications for you and for your role, newest first."""
    items, total = gate.notifications(limit, offset)
    t = gate.app.texts
    said = [{**item, "message": t.notification(item["kind"], item["details"])} for item in items]
    return page(request, said, total, limit, offset)


@router.get("/cases/{case_id}/access-log", response_model=AccessRowPage)
def case_access_log(
    request: Request, case_id: UUID, gate: Guarded, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """Who saw or changed this case (team lead)."""
    cid = str(case_id)
    gate.open_case(Action.READ_ACCESS_LOG, cid)
    with gate.logged(Action.READ_ACCESS_LOG, "access_log", cid):
        items, total = gate.app.access_log.for_case(cid, limit, offset)
    return page(request, items, total, limit, offset)


@router.get("/cases/{case_id}/subject-access-report", response_model=SubjectReport)
def subject_access_report(
    request: Request, case_id: UUID, gate: Guarded, limit: Limit = 100, offset: Offset = 0
) -> dict[str, Any]:
    """For a data-subject request: every access to any case of the same person (team lead,
    privacy officer; the whole report: /subjects/report)."""
    cid = str(case_id)
    open_for_rights(gate, Action.SUBJECT_ACCESS_REPORT, cid)
    with gate.logged(Action.SUBJECT_ACCESS_REPORT, "subject_access_report", cid):
        items, total, cases = gate.app.access_log.for_subject_of(cid, limit, offset)
    return {**page(request, items, total, limit, offset), "cases": cases}


@router.get("/access-log/break-glass", response_model=AccessRowPage)
def break_glass_review(
    request: Request, gate: Guarded, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """Every access made by breaking the glass, with its reason, for the team lead's review."""
    gate.allow(Action.REVIEW_BREAK_GLASS, "break_glass_review")
    items, total = gate.app.access_log.break_glass(limit, offset)
    gate.record(gate.entry("read", "break_glass_review", "ok"))
    return page(request, items, total, limit, offset)


@router.get("/statistics", response_model=Statistics)
def statistics(gate: Guarded) -> dict[str, Any]:
    """Counts of cases by municipality, state and risk level; cells below the threshold are
    suppressed (none), so no figure points to a person."""
    gate.allow(Action.READ_STATISTICS, "statistics")
    threshold = gate.app.settings.api_small_cell
    figures = gate.app.statistics.counts(threshold)
    gate.record(gate.entry("export", "statistics", "ok"))
    return {**figures, "threshold": threshold}
