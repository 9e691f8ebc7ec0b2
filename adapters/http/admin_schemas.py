"""The administrators' trail in the API (docs/api.md, "Users and tokens"): the reason header and
the list of tokens, which never holds a secret."""

from typing import Annotated

from fastapi import Header
from pydantic import BaseModel

from adapters.http.schemas import Page

ReasonHeader = Annotated[
    str | None,
    Header(
        alias="X-Reason",
        description=(
            "Why the administrator makes this change (at least 10 characters, with words); "
            "kept in the access log. Required: 400 naming X-Reason when missing or too short."
        ),
    ),
]


class TokenRow(BaseModel):
    token_id: str
    user: str
    created_by: str | None
    approved_by: str | None
    pending: bool
    created_at: str
    expires_at: str
    revoked_at: str | None


class TokenPage(Page[TokenRow]):
    pass
