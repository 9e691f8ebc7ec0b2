"""Users and their tokens (docs/api.md, "Users and tokens"): administrators add users; anyone
issues tokens for their own account, an administrator requests one for another's and a second
administrator approves it; each change states its reason (X-Reason) and is in the access log
with the administrator and the target user. The team lead sees the list of tokens."""

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response

from adapters import admin_trail
from adapters.admin_trail import Trail, stated_reason
from adapters.gate import Gate
from adapters.http.admin_schemas import ReasonHeader, TokenPage, TokenRow
from adapters.http.asking import Guarded
from adapters.http.paging import Limit, Offset, page
from adapters.http.schemas import TokenIn, TokenOut, UserIn, UserOut, UserPage
from workflow.access import Action
from workflow.people import RolesGiven

router = APIRouter(tags=["users"])


def trail(gate: Gate, reason: str | None) -> Trail:
    return Trail(gate.app, gate, stated_reason(reason, "X-Reason"))


@router.get("/users", response_model=UserPage)
def list_users(
    request: Request, gate: Guarded, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """The users of the service, with their roles and teams."""
    gate.allow(Action.MANAGE_USERS, "users")
    items, total = gate.app.users.list(limit, offset)
    return page(request, items, total, limit, offset)


@router.post(
    "/users",
    status_code=201,
    response_model=UserOut,
    responses={
        400: {"description": "bad input, a reserved name, or no reason (X-Reason)"},
        409: {"description": "a user of that name exists already"},
    },
)
def add_user(body: UserIn, gate: Guarded, x_reason: ReasonHeader = None) -> dict[str, Any]:
    """Add a user with one or more roles (they act with all of them) and a team: a case
    director's, or a partner account's partner. Administrators only, saying why."""
    gate.allow(Action.MANAGE_USERS, "users")
    return admin_trail.add_user(trail(gate, x_reason), body.name, body.roles, body.team)


@router.put("/users/{user_id}/roles", response_model=UserOut)
def set_roles(
    user_id: UUID, body: RolesGiven, gate: Guarded, x_reason: ReasonHeader = None
) -> dict[str, Any]:
    """Change another user's roles (an administrator, saying why; never their own)."""
    gate.allow(Action.MANAGE_USERS, "users")
    return admin_trail.set_roles(trail(gate, x_reason), str(user_id), body.roles)


@router.post(
    "/users/{user_id}/tokens",
    status_code=201,
    response_model=TokenOut,
    responses={
        403: {"description": "a token for another's account, by someone not an administrator"},
        409: {"description": "local tokens are switched off (OIDC only)"},
    },
)
def issue_token(
    user_id: UUID, body: TokenIn, gate: Guarded, x_reason: ReasonHeader = None
) -> dict[str, Any]:
    """A new bearer token, in this answer only. For your own account it works at once; an
    administrator's for another's account is `pending` until a second administrator approves
    it (`POST /tokens/{token_id}/approval`)."""
    issued, pending = admin_trail.issue_token(trail(gate, x_reason), str(user_id), body.days)
    return {
        "token_id": issued.token_id,
        "token": issued.token,
        "expires_at": issued.expires_at.isoformat(),
        "pending": pending,
    }


@router.post("/tokens/{token_id}/approval", response_model=TokenRow)
def approve_token(token_id: UUID, gate: Guarded, x_reason: ReasonHeader = None) -> dict[str, Any]:
    """A second administrator (not the requester, not the owner) approves a pending token."""
    gate.allow(Action.MANAGE_USERS, "tokens")
    return admin_trail.approve_token(trail(gate, x_reason), str(token_id))


@router.get("/tokens", response_model=TokenPage)
def list_tokens(
    request: Request, gate: Guarded, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """Every token: whose, made and approved by whom, until when; never a secret."""
    items, total = admin_trail.list_tokens(gate, limit, offset)
    return page(request, items, total, limit, offset)


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: UUID, gate: Guarded, x_reason: ReasonHeader = None) -> Response:
    """Revoke a token at once: an administrator, or the token's owner."""
    admin_trail.revoke_token(trail(gate, x_reason), str(token_id))
    return Response(status_code=204)
