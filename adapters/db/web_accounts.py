"""Local accounts of the web application: a password per user, hashed with argon2 (never
stored in clear), and web sessions, of which only a SHA-256 of the id is kept, so a copy of the
database signs no one in. A session ends on request or after the configured idle time."""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, insert, select, update

from adapters.db.tables import users, web_passwords, web_sessions
from adapters.db.users import UnknownUser, UserStore
from workflow.access import Principal, Role

Clock = Callable[[], datetime]
MIN_PASSWORD = 12
_hasher = PasswordHasher()
# Checked against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY = _hasher.hash("not a password of anyone")


class WeakPassword(ValueError):
    pass


@dataclass(frozen=True)
class WebSession:
    principal: Principal
    csrf_token: str


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class WebAccounts:
    def __init__(self, engine: Engine, clock: Clock, people: UserStore) -> None:
        self.engine = engine
        self.clock = clock
        self.people = people

    def set_password(self, name: str, password: str) -> None:
        """Give the user named `name` a (new) password; every session of theirs ends."""
        if len(password) < MIN_PASSWORD:
            raise WeakPassword(f"a password has at least {MIN_PASSWORD} characters")
        now = self.clock()
        with self.engine.begin() as conn:
            user_id = conn.execute(select(users.c.id).where(users.c.name == name)).scalar()
            if user_id is None:
                raise UnknownUser(name)
            conn.execute(delete(web_passwords).where(web_passwords.c.user_id == user_id))
            row = {"user_id": user_id, "password_hash": _hasher.hash(password), "changed_at": now}
            conn.execute(insert(web_passwords), row)
            ended = update(web_sessions).where(
                web_sessions.c.user_name == name, web_sessions.c.ended_at.is_(None)
            )
            conn.execute(ended.values(ended_at=now))

    def check_password(self, name: str, password: str) -> Principal | None:
        """The user when `password` is theirs; None otherwise (however it is wrong)."""
        query = (
            select(web_passwords.c.password_hash)
            .join(users, users.c.id == web_passwords.c.user_id)
            .where(users.c.name == name)
        )
        with self.engine.connect() as conn:
            stored = conn.execute(query).scalar()
        try:
            _hasher.verify(stored or _DUMMY, password)
        except (VerificationError, InvalidHashError):
            return None
        if stored is None:
            return None
        return self.people.principal(name, "web:password")

    def start(self, principal: Principal) -> tuple[str, str]:
        """A new session for `principal`: its id (for the cookie) and its CSRF token."""
        session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.clock()
        row = {
            "id_hash": _digest(session_id),
            "user_name": principal.name,
            "roles": ",".join(sorted(principal.roles)),
            "team": principal.team,
            "via": principal.via,
            "csrf_token": csrf,
            "created_at": now,
            "last_seen_at": now,
        }
        with self.engine.begin() as conn:
            conn.execute(insert(web_sessions), row)
        return session_id, csrf

    def resume(self, session_id: str, idle: timedelta) -> WebSession | None:
        """The live session of `session_id`, its idle clock restarted; None when it has ended
        or was idle too long (it ends then)."""
        now = self.clock()
        key = web_sessions.c.id_hash == _digest(session_id)
        with self.engine.begin() as conn:
            row = conn.execute(select(web_sessions).where(key)).mappings().first()
            if row is None or row["ended_at"] is not None:
                return None
            if row["last_seen_at"] + idle <= now:
                conn.execute(update(web_sessions).where(key).values(ended_at=now))
                return None
            conn.execute(update(web_sessions).where(key).values(last_seen_at=now))
        roles = frozenset(Role(r) for r in row["roles"].split(",") if r)
        via = f"{row['via']}:{row['id_hash'][:12]}"
        principal = Principal(row["user_name"], roles, row["team"], via)
        return WebSession(principal, row["csrf_token"])

    def end(self, session_id: str) -> None:
        key = web_sessions.c.id_hash == _digest(session_id)
        with self.engine.begin() as conn:
            conn.execute(update(web_sessions).where(key).values(ended_at=self.clock()))
