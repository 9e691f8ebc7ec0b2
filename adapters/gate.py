"""The gate every entry point passes for a person (HTTP API, CLI, web pages): the role may do it,
the case is in the asker's scope or the glass is broken with a stated reason, and the access log
gets a row for it, refused or not. A refusal is `NotAllowed`, which each entry point says in
its own way (403, exit code 7).

A command's row is written by its own commit, in the same transaction as the change (the
command carries it); a read's row, a refusal's and a failed command's are written in a
transaction of their own right after."""

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from adapters.bootstrap import App
from adapters.db.break_glass_grants import BreakGlassGrants
from adapters.db.case_queries import CaseFilter
from states import TriggerRefused
from workflow.access import (
    AccessEntry,
    Action,
    Principal,
    Scope,
    in_scope,
    may,
    may_open_restricted,
    scope_of,
)
from workflow.commands import Command
from workflow.errors import CaseNotFound, ConcurrencyConflict, InvalidInput, NotAllowed, reason

T = TypeVar("T")
MIN_REASON = 10
MIN_WORDS = 3
WORD = re.compile(r"[^\W\d_]{2,}")


def break_glass_reason(text: str | None, field: str) -> str | None:
    """The stated reason for breaking the glass, or None; `field` names where it was given.
    A reason the team lead can review: at least three different words of letters, not a
    token gesture like "x", ten dots or one word repeated."""
    stated = (text or "").strip() or None
    if stated is None:
        return None
    words = {word.casefold() for word in WORD.findall(stated)}
    if len(stated) < MIN_REASON or len(words) < MIN_WORDS:
        why = reason(
            "break_glass.reason_words",
            "state the reason in at least {count} different words (letters, not punctuation)",
            count=MIN_WORDS,
        )
        raise InvalidInput([(field, why)])
    return stated


WRITES = {
    Action.REGISTER_REPORT,
    Action.FIRE_TRIGGER,
    Action.RECORD_ACTIVITY,
    Action.RECORD_FOLLOW_UP,
    Action.ASSIGN_CASE,
    Action.CONFIRM_ASSESSMENT,
    Action.MANAGE_USERS,
    Action.MANAGE_CONSENT,
    Action.PUBLISH_PARTNER_EVENT,
    Action.RECORD_NONCASE_WORK,
    Action.CORRECT_REPORT,
    Action.RESTRICT_CASE,
    Action.MANAGE_RETENTION,
}
EXPORTS = {Action.READ_STATISTICS, Action.SUBJECT_ACCESS_REPORT, Action.READ_UNSUPPRESSED_FIGURES}


def verb(action: Action) -> str:
    if action in WRITES:
        return "write"
    if action in EXPORTS:
        return "export"
    return "list" if action is Action.LIST_CASES else "read"


def outcome_of(error: BaseException) -> str:
    kinds: list[tuple[type[BaseException], str]] = [
        (InvalidInput, "bad_input"),
        (TriggerRefused, "transition_refused"),
        (ConcurrencyConflict, "conflict"),
        (CaseNotFound, "not_found"),
        (NotAllowed, "refused"),
    ]
    return next((name for kind, name in kinds if isinstance(error, kind)), "error")


@dataclass
class Gate:
    app: App
    principal: Principal
    client: str | None
    purpose: str | None
    on_behalf_of: str | None
    reason: str | None
    granted: str | None = None  # the reason of the grant that opened the case, when one did

    def entry(
        self,
        action: str,
        resource: str,
        outcome: str,
        case_id: str | None = None,
        fields: Sequence[str] = (),
        break_glass: bool = False,
    ) -> AccessEntry:
        p = self.principal
        return AccessEntry(
            actor=p.name,
            role=p.role_label,
            via=p.via,
            action=action,
            resource=resource,
            outcome=outcome,
            case_id=case_id,
            fields=tuple(fields),
            purpose=self.purpose,
            on_behalf_of=self.on_behalf_of,
            client=self.client,
            break_glass=break_glass,
            reason=(self.reason or self.granted) if break_glass else None,
        )

    def record(self, *entries: AccessEntry) -> None:
        self.app.access_log.record(entries)

    def allow(self, action: Action, resource: str, case_id: str | None = None) -> None:
        """Refuse, and log the refusal, when the role may not do `action` at all."""
        if may(self.principal.roles, action):
            return
        self.record(self.entry(verb(action), resource, "refused", case_id=case_id))
        raise NotAllowed(self.principal.role_label, action.value)

    def open_case(self, action: Action, case_id: str) -> bool:
        """Let the asker at one case; True when that took breaking the glass."""
        self.allow(action, "case", case_id)
        try:
            standing = self.app.queries.standing(case_id)
        except CaseNotFound:
            self.record(self.entry(verb(action), "case", "not_found", case_id=case_id))
            raise
        if standing.restricted and not may_open_restricted(self.principal.roles, action):
            # A restricted case (AVG art. 18) is not there for them, glass or not.
            self.record(self.entry(verb(action), "case", "restricted", case_id=case_id))
            raise CaseNotFound(case_id)
        if in_scope(scope_of(self.principal), standing):
            return False
        return self._break_glass(action, case_id)

    def _break_glass(self, action: Action, case_id: str) -> bool:
        """A case outside the asker's scope: open under a grant, or a new one from the stated
        reason (the team lead told); never to assign it (docs/privacy.md)."""
        p = self.principal
        if action is Action.ASSIGN_CASE:
            # Break-the-glass is for reading in an emergency, not for taking a case over.
            self.record(self.entry(verb(action), "case", "refused", case_id=case_id))
            raise NotAllowed(p.role_label, "assign_case_break_glass")
        grants = self.grants()
        held = grants.active(p.name, case_id)
        if held is None and self.reason:
            held = grants.grant(p.name, p.role_label, case_id, self.reason)
        if held is not None:
            self.granted = str(held["reason"])
            return True
        self.record(self.entry(verb(action), "case", "refused", case_id=case_id))
        raise NotAllowed(p.role_label, action.value, outside_scope=True)

    def grants(self) -> BreakGlassGrants:
        hours = self.app.settings.break_glass_hours
        return BreakGlassGrants(self.app.engine, self.app.clock, hours)

    def list_cases(
        self, where: CaseFilter, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        """The cases in the asker's scope that match `where`, each shown one logged. Breaking
        the glass lifts the scope to the region (a team lead's is the region already)."""
        self.allow(Action.LIST_CASES, "case_list")
        scope = scope_of(self.principal)
        broken = self.reason is not None and not scope.everything
        if broken:
            scope = Scope(everything=True)
        rows, total = self.app.queries.page(scope, where, self.app.clock(), limit, offset)
        self._listed(rows, where, broken)
        return rows, total

    def browse_cases(
        self, where: CaseFilter, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], bool]:
        """As `list_cases`, without the count (the web worklist): a page of cases in the
        asker's scope and whether more follow, each shown one logged."""
        self.allow(Action.LIST_CASES, "case_list")
        rows, more = self.app.queries.window(
            scope_of(self.principal), where, self.app.clock(), limit, offset
        )
        self._listed(rows, where, False)
        return rows, more

    def _listed(self, rows: list[dict[str, Any]], where: CaseFilter, broken: bool) -> None:
        action = "search" if where.given() else "list"
        fields = ("summary", *where.given())
        shown = [row["case_id"] for row in rows] or [None]  # an empty list is logged too
        self.record(*[self.entry(action, "case_list", "ok", cid, fields, broken) for cid in shown])

    def notifications(self, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """The asker's notifications and their role's, newest first; the read is logged."""
        self.allow(Action.READ_NOTIFICATIONS, "notifications")
        p = self.principal
        mine = [p.name, *(f"role:{role}" for role in sorted(p.roles))]
        found = self.app.notifications.page(mine, limit, offset)
        self.record(self.entry("list", "notifications", "ok"))
        return found

    def change_case(self, action: Action, case_id: str, command: Command) -> Any:
        """A change to one case, on the asker's behalf: the gate, then the command."""
        broken = self.open_case(action, case_id)
        return self.handle(command, action, "case", case_id, (action.value,), broken)

    def read_case(
        self, action: Action, case_id: str, fields: Sequence[str], read: Callable[[], T]
    ) -> T:
        """A read of one case, on the asker's behalf: the gate, the read, its access-log row."""
        broken = self.open_case(action, case_id)
        with self.logged(action, "case", case_id, fields, broken):
            return read()

    def handle(
        self,
        command: Command,
        action: Action,
        resource: str,
        case_id: str | None = None,
        fields: Sequence[str] = (),
        break_glass: bool = False,
    ) -> Any:
        """Run `command` on the bus for the asker: its commit writes the access-log row; when it
        fails, the row says how, in a transaction of its own."""
        entry = self.entry(verb(action), resource, "ok", case_id, fields, break_glass)
        try:
            return self.app.bus.handle(command.model_copy(update={"access": entry}))
        except Exception as error:
            self.record(replace(entry, outcome=outcome_of(error)))
            raise

    @contextmanager
    def logged(
        self,
        action: Action,
        resource: str,
        case_id: str | None = None,
        fields: Sequence[str] = (),
        break_glass: bool = False,
    ) -> Iterator[None]:
        """Run a read and log it with its outcome, whatever that is."""
        outcome = "ok"
        try:
            yield
        except Exception as error:
            outcome = outcome_of(error)
            raise
        finally:
            self.record(self.entry(verb(action), resource, outcome, case_id, fields, break_glass))
