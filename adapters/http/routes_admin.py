"""Users and their tokens, for the admin role only (users, never cases)."""

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response

from adapters.http.asking import Guarded
from adapters.http.paging import Limit, Offset, page
from adapters.http.schemas import TokenIn, TokenOut, UserIn, UserOut, UserPage
from workflow.access import Action

router = APIRouter(tags=["users"])


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
    responses={409: {"description": "a user of that name exists already"}},
)
def add_user(body: UserIn, gate: Guarded) -> dict[str, Any]:
    """Add a user with one or more roles (they act with all of them) and a team: a case
    director's, or a partner account's partner."""
    gate.allow(Action.MANAGE_USERS, "users")
    return gate.app.users.add(body.name, body.roles, body.team)


@router.post(
    "/users/{user_id}/tokens",
    status_code=201,
    response_model=TokenOut,
    responses={409: {"description": "local tokens are switched off (OIDC only)"}},
)
def issue_token(user_id: UUID, body: TokenIn, gate: Guarded) -> dict[str, Any]:
    """A new bearer token for the user; the token is in this answer only."""
    gate.allow(Action.MANAGE_USERS, "tokens")
    issued = gate.app.users.issue(str(user_id), body.days)
    return {
        "token_id": issued.token_id,
        "token": issued.token,
        "expires_at": issued.expires_at.isoformat(),
    }


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: UUID, gate: Guarded) -> Response:
    """Revoke a token at once."""
    gate.allow(Action.MANAGE_USERS, "tokens")
    gate.app.users.revoke(str(token_id))
    return Response(status_code=204)
