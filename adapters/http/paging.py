"""Pagination on every list: limit and offset with a maximum, the total, and the next page's URL."""

from typing import Annotated, Any

from fastapi import Query, Request

MAX_LIMIT = 100

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]


def page(request: Request, items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    following = offset + limit
    next_url = None
    if following < total:
        # From the configured public base URL: the Host header is the client's to choose.
        base = request.app.state.meldpunt.settings.public_base_url.rstrip("/")
        url = request.url.include_query_params(offset=following, limit=limit)
        next_url = f"{base}{url.path}?{url.query}"
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": next_url}
