"""Users of the API and their bearer tokens. A token is shown once; only its SHA-256 is stored,
so a copy of the database lets no one in. Tokens expire and can be revoked."""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from adapters.db.tables import api_tokens, users
from workflow.access import Principal, Role
from workflow.errors import InvalidInput, MeldpuntError, reason

Clock = Callable[[], datetime]
TOKEN_PREFIX = "mp_"


class UnknownUser(MeldpuntError):
    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(f"no such user or token: '{what}'")


@dataclass(frozen=True)
class IssuedToken:
    token_id: str
    token: str  # the secret itself: shown once, never stored
    expires_at: datetime


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UserStore:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def add(self, name: str, role: Role, team: str | None = None) -> dict[str, Any]:
        # The CLI reaches here without the API's schema: the same rules, said once more.
        if not name or len(name) > 100 or not name.isprintable() or any(c.isspace() for c in name):
            why = reason("users.bad_name", "1 to 100 printable characters, no spaces")
            raise InvalidInput([("name", why)])
        if team is not None and (not team.strip() or len(team) > 100 or not team.isprintable()):
            raise InvalidInput(
                [("team", reason("users.bad_team", "1 to 100 printable characters"))]
            )
        row = {
            "id": str(uuid4()),
            "name": name,
            "role": role.value,
            "team": team,
            "created_at": self.clock(),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(users), row)
        except IntegrityError:
            exists = reason("users.exists", "a user '{name}' exists already", name=name)
            raise InvalidInput([("name", exists)]) from None
        return _user(row)

    def list(self, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        with self.engine.begin() as conn:
            total = conn.execute(select(func.count()).select_from(users)).scalar_one()
            query = select(users).order_by(users.c.name).limit(limit).offset(offset)
            return [_user(r) for r in conn.execute(query).mappings()], total

    def issue(self, user: str, days: int) -> IssuedToken:
        """A new token for the user named `user`, or with id `user`."""
        now = self.clock()
        with self.engine.begin() as conn:
            user_id = conn.execute(
                select(users.c.id).where((users.c.name == user) | (users.c.id == user))
            ).scalar()
            if user_id is None:
                raise UnknownUser(user)
            issued = IssuedToken(
                str(uuid4()), TOKEN_PREFIX + secrets.token_urlsafe(32), now + timedelta(days=days)
            )
            conn.execute(
                insert(api_tokens),
                {
                    "id": issued.token_id,
                    "user_id": user_id,
                    "token_hash": token_hash(issued.token),
                    "created_at": now,
                    "expires_at": issued.expires_at,
                },
            )
        return issued

    def revoke(self, token_id: str) -> None:
        with self.engine.begin() as conn:
            done = conn.execute(
                update(api_tokens)
                .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=self.clock())
            )
            if done.rowcount != 1:
                raise UnknownUser(token_id)

    def role_of(self, name: str) -> Role | None:
        """The people port (workflow/people.py): the role of the user named `name`."""
        query = select(users.c.role).where(users.c.name == name)
        with self.engine.connect() as conn:
            role = conn.execute(query).scalar()
        return None if role is None else Role(role)

    def principal(self, name: str, via: str) -> Principal | None:
        """The user named `name` as the asker of an entry point that authenticated them its own
        way (`via`, for the access log); None for a name that is not a user."""
        query = select(users.c.name, users.c.role, users.c.team).where(users.c.name == name)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else Principal(row.name, Role(row.role), row.team, via)

    def authenticate(self, token: str) -> Principal | None:
        """The user a live token belongs to; None for an unknown, expired or revoked token."""
        query = (
            select(users.c.name, users.c.role, users.c.team, api_tokens.c.id)
            .join(users, users.c.id == api_tokens.c.user_id)
            .where(
                api_tokens.c.token_hash == token_hash(token),
                api_tokens.c.revoked_at.is_(None),
                api_tokens.c.expires_at > self.clock(),
            )
        )
        with self.engine.connect() as conn, conn.begin():
            row = conn.execute(query).first()
        if row is None:
            return None
        return Principal(row.name, Role(row.role), row.team, f"token:{row.id}")


def _user(row: Any) -> dict[str, Any]:
    return {
        "user_id": row["id"],
        "name": row["name"],
        "role": row["role"],
        "team": row["team"],
        "created_at": row["created_at"].isoformat(),
    }
