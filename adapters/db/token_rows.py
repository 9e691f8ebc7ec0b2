"""The list of API tokens as the team lead sees it (docs/admin_trail.md): whose, made and
approved by whom, when, until when, revoked; never a secret, not even its hash."""

from typing import Any

from sqlalchemy import Connection, func, select

from adapters.db.tables import api_tokens, users

_TOKENS = select(
    api_tokens.c.id,
    users.c.name,
    api_tokens.c.created_by,
    api_tokens.c.approved_by,
    api_tokens.c.pending,
    api_tokens.c.created_at,
    api_tokens.c.expires_at,
    api_tokens.c.revoked_at,
).join(users, users.c.id == api_tokens.c.user_id)


def _token(row: Any) -> dict[str, Any]:
    return {
        "token_id": row["id"],
        "user": row["name"],
        "created_by": row["created_by"],
        "approved_by": row["approved_by"],
        "pending": bool(row["pending"]),
        "created_at": row["created_at"].isoformat(),
        "expires_at": row["expires_at"].isoformat(),
        "revoked_at": row["revoked_at"].isoformat() if row["revoked_at"] else None,
    }


def one(conn: Connection, token_id: str) -> dict[str, Any] | None:
    row = conn.execute(_TOKENS.where(api_tokens.c.id == token_id)).mappings().first()
    return None if row is None else _token(row)


def page(conn: Connection, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Every token, newest first, and how many there are."""
    total = conn.execute(select(func.count()).select_from(api_tokens)).scalar_one()
    query = _TOKENS.order_by(api_tokens.c.created_at.desc(), api_tokens.c.id)
    rows = conn.execute(query.limit(limit).offset(offset)).mappings()
    return [_token(row) for row in rows], total
