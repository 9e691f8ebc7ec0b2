"""Break-the-glass grants for the team lead: the list (all, or only the open ones) and the
review of one (justified or not justified, with a reason). Access-logged (docs/api.md)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from adapters.break_glass_review import list_grants, review_grant
from adapters.http.asking import Guarded
from adapters.http.paging import Limit, Offset, page
from adapters.http.schemas import Page

router = APIRouter(tags=["oversight"])


class GrantOut(BaseModel):
    id: str
    actor: str
    role: str
    case_id: str
    reason: str
    granted_at: str
    expires_at: str
    review_state: Literal["open", "justified", "not_justified"]
    reviewed_by: str | None
    reviewed_at: str | None
    review_reason: str | None


class GrantPage(Page[GrantOut]):
    pass


class Review(BaseModel):
    verdict: Literal["justified", "not_justified"]
    reason: str = Field(max_length=500, description="Why: at least 3 different words")


@router.get("/break-glass/grants", response_model=GrantPage)
def grants(
    request: Request,
    gate: Guarded,
    open_only: Annotated[bool, Query(alias="openOnly")] = False,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Break-the-glass grants, oldest first; `openOnly=true` for those not reviewed yet."""
    items, total = list_grants(gate, open_only, limit, offset)
    return page(request, items, total, limit, offset)


@router.post("/break-glass/grants/{grant_id}/review", response_model=GrantOut)
def review(grant_id: str, body: Review, gate: Guarded) -> dict[str, Any]:
    """Judge an open grant justified or not justified (team lead); 400 naming the field when
    the reason is not real words or the grant is not open."""
    return review_grant(gate, grant_id, body.verdict, body.reason)
