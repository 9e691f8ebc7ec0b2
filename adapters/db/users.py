"""Users of the API, their roles and their bearer tokens. A token is shown once; only its SHA-256
is stored, so a copy of the database lets no one in. Tokens expire and can be revoked, and can
be switched off altogether (MELDPUNT_API_LOCAL_TOKENS=false: OIDC only)."""

import hashlib
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from adapters.db import token_rows
from adapters.db.access_chain import append
from adapters.db.tables import api_tokens, user_roles, users
from workflow.access import AccessEntry, Principal, Role
from workflow.errors import MeldpuntError, validated
from workflow.people import NewUser, RolesGiven

Clock = Callable[[], datetime]
Page = tuple[list[dict[str, Any]], int]
TOKEN_PREFIX = "mp_"


class UnknownUser(MeldpuntError):
    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(f"no such user or token: '{what}'")


class UserExists(MeldpuntError):
    """A user of that name exists already: a conflict with what is there, not bad input."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"a user '{name}' exists already")


class LocalTokensOff(MeldpuntError):
    """Our own tokens are switched off (MELDPUNT_API_LOCAL_TOKENS=false): OIDC only."""

    def __init__(self) -> None:
        super().__init__("local tokens are switched off (MELDPUNT_API_LOCAL_TOKENS=false)")


@dataclass(frozen=True)
class IssuedToken:
    token_id: str
    token: str  # the secret itself: shown once, never stored
    expires_at: datetime


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UserStore:
    def __init__(self, engine: Engine, clock: Clock, local_tokens: bool = True) -> None:
        self.engine = engine
        self.clock = clock
        self.local_tokens = local_tokens

    def add(
        self,
        name: str,
        roles: Role | Collection[Role],
        team: str | None = None,
        trail: AccessEntry | None = None,
    ) -> dict[str, Any]:
        """A new user with `roles` (one role, or several); the CLI and the API say the same.
        `trail`: the administrator's access-log row, written in the same transaction."""
        given = [roles] if isinstance(roles, Role) else list(roles)
        user = validated(NewUser, {"name": name, "roles": given, "team": team}, "user", "")
        row = {
            "id": str(uuid4()),
            "name": user.name,
            "team": user.team,
            "created_at": self.clock(),
            "created_by": trail.actor if trail else None,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(users), row)
                conn.execute(
                    insert(user_roles), [{"user_id": row["id"], "role": r} for r in user.roles]
                )
                self._trail(conn, trail)
        except IntegrityError:
            raise UserExists(user.name) from None
        return _user(row, user.roles)

    def list(self, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        with self.engine.begin() as conn:
            total = conn.execute(select(func.count()).select_from(users)).scalar_one()
            query = select(users).order_by(users.c.name).limit(limit).offset(offset)
            rows = list(conn.execute(query).mappings())
            held = _roles(conn, [r["id"] for r in rows])
            return [_user(r, held.get(r["id"], frozenset())) for r in rows], total

    def set_roles(self, user: str, roles: Collection[Role], trail: AccessEntry) -> dict[str, Any]:
        """The user's roles from now (named or by id), in place of those they held."""
        held = validated(RolesGiven, {"roles": list(roles)}, "user", "").roles
        with self.engine.begin() as conn:
            row = (
                conn.execute(select(users).where((users.c.name == user) | (users.c.id == user)))
                .mappings()
                .first()
            )
            if row is None:
                raise UnknownUser(user)
            conn.execute(delete(user_roles).where(user_roles.c.user_id == row["id"]))
            conn.execute(insert(user_roles), [{"user_id": row["id"], "role": r} for r in held])
            self._trail(conn, trail)
        return _user(row, held)

    def _trail(self, conn: Connection, trail: AccessEntry | None) -> None:
        if trail is not None:
            append(conn, [(trail, None)], self.clock())

    def owner(self, user: str) -> str:
        """The name of the user named `user`, or with id `user`; UnknownUser when none."""
        with self.engine.connect() as conn:
            name = conn.execute(
                select(users.c.name).where((users.c.name == user) | (users.c.id == user))
            ).scalar()
        if name is None:
            raise UnknownUser(user)
        return str(name)

    def issue(
        self, user: str, days: int, trail: AccessEntry | None = None, pending: bool = False
    ) -> IssuedToken:
        """A new token for the user named `user`, or with id `user`; a `pending` one lets no one
        in until it is approved."""
        if not self.local_tokens:
            raise LocalTokensOff()
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
                    "created_by": trail.actor if trail else None,
                    "pending": pending,
                },
            )
            self._trail(conn, trail)
        return issued

    def revoke(self, token_id: str, trail: AccessEntry | None = None) -> None:
        with self.engine.begin() as conn:
            done = conn.execute(
                update(api_tokens)
                .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=self.clock())
            )
            if done.rowcount != 1:
                raise UnknownUser(token_id)
            self._trail(conn, trail)

    def token(self, token_id: str) -> dict[str, Any]:
        """One token as the list shows it (never its secret); UnknownUser when there is none."""
        with self.engine.connect() as conn:
            found = token_rows.one(conn, token_id)
        if found is None:
            raise UnknownUser(token_id)
        return found

    def approve(self, token_id: str, trail: AccessEntry) -> None:
        """A second administrator's approval: the pending token lets its owner in from now."""
        with self.engine.begin() as conn:
            done = conn.execute(
                update(api_tokens)
                .where(api_tokens.c.id == token_id, api_tokens.c.pending.is_(True))
                .where(api_tokens.c.revoked_at.is_(None))
                .values(pending=False, approved_by=trail.actor)
            )
            if done.rowcount != 1:
                raise UnknownUser(token_id)
            self._trail(conn, trail)

    def tokens(self, limit: int = 100, offset: int = 0) -> Page:
        """Every token, newest first: whose, made and approved by whom, until when."""
        with self.engine.connect() as conn:
            return token_rows.page(conn, limit, offset)

    def has_admin(self) -> bool:
        """Whether any administrator exists yet (until then the CLI sets the install up)."""
        query = select(func.count()).where(user_roles.c.role == Role.ADMIN.value)
        with self.engine.connect() as conn:
            return bool(conn.execute(query).scalar_one())

    def roles_of(self, name: str) -> frozenset[Role]:
        """The people port (workflow/people.py): the roles of the user named `name`."""
        query = (
            select(user_roles.c.role)
            .join(users, users.c.id == user_roles.c.user_id)
            .where(users.c.name == name)
        )
        with self.engine.connect() as conn:
            return frozenset(Role(r) for r in conn.execute(query).scalars())

    def principal(self, name: str, via: str) -> Principal | None:
        """The user named `name` as the asker of an entry point that authenticated them its own
        way (`via`, for the access log); None for a name that is not a user."""
        query = select(users.c.id, users.c.name, users.c.team).where(users.c.name == name)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
            if row is None:
                return None
            return Principal(
                row.name, _roles(conn, [row.id]).get(row.id, frozenset()), row.team, via
            )

    def authenticate(self, token: str) -> Principal | None:
        """The user a live token belongs to; None for an unknown, expired or revoked token, and
        for every one of ours when they are switched off."""
        if not self.local_tokens:
            return None
        query = (
            select(users.c.id.label("user_id"), users.c.name, users.c.team, api_tokens.c.id)
            .join(users, users.c.id == api_tokens.c.user_id)
            .where(
                api_tokens.c.token_hash == token_hash(token),
                api_tokens.c.revoked_at.is_(None),
                api_tokens.c.pending.is_(False),
                api_tokens.c.expires_at > self.clock(),
            )
        )
        with self.engine.connect() as conn, conn.begin():
            row = conn.execute(query).first()
            if row is None:
                return None
            roles = _roles(conn, [row.user_id]).get(row.user_id, frozenset())
        return Principal(row.name, roles, row.team, f"token:{row.id}")


def _roles(conn: Connection, user_ids: list[str]) -> dict[str, frozenset[Role]]:
    query = select(user_roles.c.user_id, user_roles.c.role).where(
        user_roles.c.user_id.in_(user_ids)
    )
    held: dict[str, set[Role]] = {}
    for user_id, role in conn.execute(query):
        held.setdefault(user_id, set()).add(Role(role))
    return {user_id: frozenset(roles) for user_id, roles in held.items()}


def _user(row: Any, roles: Collection[Role]) -> dict[str, Any]:
    return {
        "user_id": row["id"],
        "name": row["name"],
        "roles": sorted(role.value for role in roles),
        "team": row["team"],
        "created_at": row["created_at"].isoformat(),
        "created_by": row.get("created_by"),
    }
