"""The gate as a FastAPI dependency: the asker from the token, and what they say about the
access in headers (the break-glass reason, the purpose, on whose behalf), checked at the door."""

from typing import Annotated

from fastapi import Depends, Header, Request

from adapters.gate import MIN_REASON, Gate, break_glass_reason
from adapters.http.auth import CurrentUser, meldpunt
from adapters.http.proxies import through_proxy
from workflow.errors import InvalidInput
from workflow.errors import reason as reason_for
from workflow.plain_text import PRINTABLE


def gate(
    request: Request,
    principal: CurrentUser,
    x_break_glass_reason: Annotated[
        str | None,
        Header(
            min_length=MIN_REASON,
            max_length=500,
            pattern=PRINTABLE,
            description=f"Why you need a case outside your scope: {MIN_REASON} to 500 "
            "characters of at least 3 different words of letters, no control characters, no "
            "personal data (it is stored in clear). It opens the case to you for "
            "MELDPUNT_BREAK_GLASS_HOURS (a grant: later reads need no header, each is flagged), "
            "the team lead is told and reviews it; never enough to assign the case. Only the "
            "case roles may break the glass.",
        ),
    ] = None,
    x_purpose: Annotated[
        str | None,
        Header(max_length=200, pattern=PRINTABLE, description="The purpose of this access"),
    ] = None,
    x_on_behalf_of: Annotated[
        str | None,
        Header(
            max_length=100,
            pattern=PRINTABLE,
            description="The user this access is made for; taken only from a configured proxy "
            "(MELDPUNT_API_TRUSTED_PROXIES), from anyone else a 400",
        ),
    ] = None,
) -> Gate:
    reason = break_glass_reason(x_break_glass_reason, "X-Break-Glass-Reason")
    if x_on_behalf_of is not None and not through_proxy(request):
        # Anyone could claim to act for anyone: only a proxy we trust may say so.
        why = reason_for(
            "api.on_behalf_of_untrusted",
            "only taken from a configured proxy (MELDPUNT_API_TRUSTED_PROXIES)",
        )
        raise InvalidInput([("x-on-behalf-of", why)])
    return Gate(
        meldpunt(request),
        principal,
        request.client.host if request.client else None,
        (x_purpose or "").strip() or "case_work",
        (x_on_behalf_of or "").strip() or None,
        reason,
    )


Guarded = Annotated[Gate, Depends(gate)]
