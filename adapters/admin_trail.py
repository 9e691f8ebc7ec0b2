"""Administrators leave a trail (docs/privacy.md, "Administrators"): adding a user, issuing,
approving and revoking a token, from the CLI and the API alike, each with a stated reason and an
access-log row naming the administrator and the target user, written in the same transaction as
the change. The rule for tokens is workflow/admin_rules.py.

Bootstrap: until the first administrator exists, the command line (which runs beside the
database, with its credentials) sets the install up without an actor; each such change is
logged with the actor `bootstrap`."""

import re
from dataclasses import dataclass, replace
from typing import Any

from adapters.bootstrap import App
from adapters.db.users import IssuedToken, UnknownUser, UserExists
from adapters.gate import Gate, outcome_of
from workflow.access import AccessEntry, Action, Principal, Role
from workflow.admin_rules import Issue, check_approval, check_role_change, token_rule
from workflow.errors import InvalidInput, NotAllowed, reason
from workflow.plain_text import PRINTABLE

MIN_ADMIN_REASON = 10
MAX_ADMIN_REASON = 500
BOOTSTRAP = "bootstrap"


def stated_reason(text: str | None, field: str, required: bool = True) -> str | None:
    """The administrator's reason: real words of at least MIN_ADMIN_REASON characters."""
    stated = " ".join((text or "").split()) or None
    if stated is None and not required:
        return None
    if stated is not None and (
        len(stated) > MAX_ADMIN_REASON or not re.fullmatch(PRINTABLE, stated)
    ):
        why = reason(
            "validation.plain_text", "holds a control, invisible or bidirectional character"
        )
        if len(stated) > MAX_ADMIN_REASON:
            why = reason(
                "admin.reason_too_long", "at most {count} characters", count=MAX_ADMIN_REASON
            )
        raise InvalidInput([(field, why)])
    if stated is None or len(stated) < MIN_ADMIN_REASON or not any(c.isalpha() for c in stated):
        why = reason(
            "admin.reason_needed",
            "say why, in at least {count} characters (kept in the access log)",
            count=MIN_ADMIN_REASON,
        )
        raise InvalidInput([(field, why)])
    return stated


@dataclass(frozen=True)
class Trail:
    """One administrator's change: the gate they passed (None: the bootstrap) and their reason."""

    app: App
    gate: Gate | None
    reason: str | None
    named: str | None = None  # at the bootstrap: who the operator said they were, if anyone

    @property
    def asker(self) -> Principal:
        if self.gate is None:
            return Principal(self.named or BOOTSTRAP, frozenset(), None, "cli:bootstrap")
        return self.gate.principal

    def entry(self, resource: str, what: str, target: str, *more: str) -> AccessEntry:
        fields = (what, f"target={target}", *more)
        if self.gate is None:
            p = self.asker
            return AccessEntry(
                p.name,
                BOOTSTRAP,
                p.via,
                "write",
                resource,
                "ok",
                fields=fields,
                reason=self.reason or "no administrator yet",
            )
        return replace(self.gate.entry("write", resource, "ok", fields=fields), reason=self.reason)

    def record(self, entry: AccessEntry) -> None:
        self.app.access_log.record([entry])

    def allow(self, action: Action, resource: str) -> None:
        if self.gate is not None:
            self.gate.allow(action, resource)


def _outcome(error: BaseException) -> str:
    if isinstance(error, UserExists):
        return "conflict"
    return "not_found" if isinstance(error, UnknownUser) else outcome_of(error)


def add_user(trail: Trail, name: str, roles: list[Role], team: str | None) -> dict[str, Any]:
    """An administrator adds a user with their roles; logged with the target and the reason."""
    trail.allow(Action.MANAGE_USERS, "users")
    entry = trail.entry("users", "add_user", name, "roles=" + "+".join(sorted(roles)))
    try:
        return trail.app.users.add(name, roles, team, entry)
    except Exception as error:
        trail.record(replace(entry, outcome=_outcome(error)))
        raise


def set_roles(trail: Trail, user: str, roles: list[Role]) -> dict[str, Any]:
    """An administrator changes another user's roles; logged with the target and the roles."""
    trail.allow(Action.MANAGE_USERS, "users")
    owner = trail.app.users.owner(user)
    entry = trail.entry("users", "set_roles", owner, "roles=" + "+".join(sorted(roles)))
    try:
        if trail.gate is not None:
            check_role_change(trail.asker, owner)
        return trail.app.users.set_roles(owner, roles, entry)
    except Exception as error:
        trail.record(replace(entry, outcome=_outcome(error)))
        raise


def issue_token(trail: Trail, user: str, days: int) -> tuple[IssuedToken, bool]:
    """A token for the account `user` (a name or an id) and whether it waits for approval:
    one's own is live at once, one for another account waits for a second administrator."""
    owner = trail.app.users.owner(user)
    entry = trail.entry("tokens", "issue_token", owner)
    if trail.gate is None:
        pending = False
    else:
        try:
            pending = token_rule(trail.asker, owner) is Issue.REQUEST
        except NotAllowed as error:
            trail.record(replace(entry, outcome=_outcome(error)))
            raise
    if pending:
        entry = replace(entry, fields=("request_token", *entry.fields[1:]))
    try:
        return trail.app.users.issue(owner, days, entry, pending), pending
    except Exception as error:
        trail.record(replace(entry, outcome=_outcome(error)))
        raise


def approve_token(trail: Trail, token_id: str) -> dict[str, Any]:
    """A second administrator approves a token requested for someone else's account."""
    token = trail.app.users.token(token_id)
    entry = trail.entry("tokens", "approve_token", token["user"], f"token={token_id}")
    try:
        check_approval(trail.asker, token["created_by"], token["user"])
        trail.app.users.approve(token_id, entry)
    except Exception as error:
        trail.record(replace(entry, outcome=_outcome(error)))
        raise
    return trail.app.users.token(token_id)


def revoke_token(trail: Trail, token_id: str) -> None:
    """An administrator, or the token's owner, revokes it at once."""
    token = trail.app.users.token(token_id)
    entry = trail.entry("tokens", "revoke_token", token["user"], f"token={token_id}")
    if token["user"] != trail.asker.name:
        trail.allow(Action.MANAGE_USERS, "tokens")
    try:
        trail.app.users.revoke(token_id, entry)
    except Exception as error:
        trail.record(replace(entry, outcome=_outcome(error)))
        raise


def list_tokens(gate: Gate, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Every token (who holds it, made and approved by whom, until when; no secret), for the
    team lead's oversight of the administrators; the read is logged."""
    gate.allow(Action.LIST_TOKENS, "tokens")
    with gate.logged(Action.LIST_TOKENS, "tokens"):
        return gate.app.users.tokens(limit, offset)
