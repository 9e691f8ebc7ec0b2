"""The gate as a FastAPI dependency: the asker from the token, and what they say about the
access in headers (the break-glass reason, the purpose, on whose behalf), checked at the door."""

from typing import Annotated

from fastapi import Depends, Header, Request

from adapters.gate import Gate, break_glass_reason
from adapters.http.auth import CurrentUser, meldpunt
from workflow.plain_text import PRINTABLE


def gate(
    request: Request,
    principal: CurrentUser,
    x_break_glass_reason: Annotated[
        str | None,
        Header(
            max_length=500,
            pattern=PRINTABLE,
            description="Why you need a case outside your scope (no personal data); logged "
            "and reviewed by the team lead",
        ),
    ] = None,
    x_purpose: Annotated[
        str | None,
        Header(max_length=200, pattern=PRINTABLE, description="The purpose of this access"),
    ] = None,
    x_on_behalf_of: Annotated[
        str | None,
        Header(max_length=100, pattern=PRINTABLE, description="The user this access is made for"),
    ] = None,
) -> Gate:
    reason = break_glass_reason(x_break_glass_reason, "X-Break-Glass-Reason")
    return Gate(
        meldpunt(request),
        principal,
        request.client.host if request.client else None,
        (x_purpose or "").strip() or "case_work",
        (x_on_behalf_of or "").strip() or None,
        reason,
    )


Guarded = Annotated[Gate, Depends(gate)]
