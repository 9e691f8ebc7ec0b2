"""What the retention handlers need of storage: legal holds, destruction lists and the
anonymisation of one batch. Each call is one transaction, with its access-log rows in it."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from workflow.access import AccessEntry


@dataclass(frozen=True)
class CaseStanding:
    """What decides whether a case may be erased now."""

    case_id: str
    closed: bool
    anonymised: bool
    held: bool
    rule: str | None
    action_date: date | None


@dataclass(frozen=True)
class Batch:
    """The cases a batch anonymised, and how many wait on approved lists after it (held or
    reopened ones included: an upper bound of what the next batches take)."""

    anonymised: list[str]
    remaining: int


class RetentionStore(Protocol):
    def place_hold(self, case_id: str, reason: str, now: datetime, access: AccessEntry) -> str: ...

    def lift_holds(self, case_id: str, reason: str, now: datetime, access: AccessEntry) -> int: ...

    def standing(self, case_id: str) -> CaseStanding: ...

    def propose_due(self, today: date, now: datetime, actor: str) -> dict[str, Any]: ...

    def propose_erasure(self, case_id: str, now: datetime, access: AccessEntry) -> str: ...

    def approve(self, list_id: str, now: datetime, access: AccessEntry) -> int: ...

    def take_off(
        self, list_id: str, case_id: str, reason: str, now: datetime, access: AccessEntry
    ) -> None: ...

    def anonymise_batch(self, size: int, now: datetime, access: AccessEntry) -> Batch: ...

    def sweep_free_space(self) -> None: ...

    def prune(
        self, access_log_before: datetime, notifications_before: datetime, now: datetime
    ) -> dict[str, int]: ...
