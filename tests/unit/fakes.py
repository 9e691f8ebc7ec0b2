"""In-memory fakes of the unit-of-work port: the same contract as the SQL adapter, no I/O.

A `FakeStore` plays the database: committed cases (as copies), history, outbox, handled messages and
notifications. A `FakeUnitOfWork` works on copies and writes them back only on commit, with the
same optimistic version check and handled-message rule as `adapters.db.unit_of_work.SqlUnitOfWork`.
"""

import copy
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from config.reference import load_time_norms
from workflow.calendar import WorkingDayCalendar
from workflow.case import Case, HistoryEntry
from workflow.deadlines import DeadlinePolicy
from workflow.errors import CaseNotFound, ConcurrencyConflict
from workflow.events import Event
from workflow.report import Report
from workflow.unit_of_work import (
    AlreadyHandled,
    CaseRepository,
    Notification,
    NotificationRepository,
    UnitOfWork,
)


@dataclass
class FakeStore:
    cases: dict[str, Case] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    history: list[tuple[str, HistoryEntry]] = field(default_factory=list)
    outbox: list[Event] = field(default_factory=list)
    handled: set[tuple[str, str]] = field(default_factory=set)
    notifications: list[Notification] = field(default_factory=list)
    commits: int = 0


class FakeCaseRepository(CaseRepository):
    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.store = store
        self.loaded_versions: dict[str, int] = {}
        self.new_reports: dict[str, Report] = {}

    def _add(self, case: Case, report: Report) -> None:
        self.new_reports[case.id] = report

    def _get(self, case_id: str) -> Case:
        stored = self.store.cases.get(case_id)
        if stored is None:
            raise CaseNotFound(case_id)
        case = replace(copy.deepcopy(stored), new_history=[], events=[])
        self.loaded_versions[case_id] = case.version
        return case


class FakeNotificationRepository(NotificationRepository):
    def __init__(self) -> None:
        self.pending: list[Notification] = []

    def add(self, notification: Notification) -> None:
        self.pending.append(notification)


class FakeUnitOfWork(UnitOfWork):
    cases: FakeCaseRepository
    notifications: FakeNotificationRepository

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store if store is not None else FakeStore()
        self.committed = False
        self.rolled_back = 0

    def __enter__(self) -> "FakeUnitOfWork":
        super().__enter__()
        self.cases = FakeCaseRepository(self.store)
        self.notifications = FakeNotificationRepository()
        return self

    def already_handled(self, message_id: str, handler: str) -> bool:
        return (message_id, handler) in self.store.handled

    def commit(self) -> None:
        if self.handling is not None and self.handling in self.store.handled:
            raise AlreadyHandled(f"{self.handling[1]} already handled {self.handling[0]}")
        changed = [c for c in self.cases.seen.values() if c.new_history]
        for case in changed:
            loaded = self.cases.loaded_versions.get(case.id, 0)
            current = self.store.cases.get(case.id)
            if (current.version if current else 0) != loaded:
                raise ConcurrencyConflict(case.id, loaded)
        for case in changed:
            self.store.history.extend((case.id, entry) for entry in case.new_history)
            self.store.cases[case.id] = replace(copy.deepcopy(case), new_history=[], events=[])
            if case.id in self.cases.new_reports:
                self.store.reports[case.id] = self.cases.new_reports[case.id]
        self.store.outbox.extend(e for e in self.collect_new_events() if isinstance(e, Event))
        self.store.notifications.extend(self.notifications.pending)
        if self.handling is not None:
            self.store.handled.add(self.handling)
        self.store.commits += 1
        self.committed = True

    def rollback(self) -> None:
        self.rolled_back += 1


class FakeUnitOfWorkFactory:
    """Hands out units of work on one shared store, and remembers each one."""

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store if store is not None else FakeStore()
        self.made: list[FakeUnitOfWork] = []

    def __call__(self) -> FakeUnitOfWork:
        uow = FakeUnitOfWork(self.store)
        self.made.append(uow)
        return uow


class FixedClock:
    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def deadline_policy() -> DeadlinePolicy:
    """The deadline policy bootstrap builds, from the shipped time norms."""
    norms = load_time_norms()
    return DeadlinePolicy(norms, WorkingDayCalendar(norms.extra_closed_days))


def snapshot(case: Case) -> dict[str, Any]:
    """Every field of a case, deep-copied, to compare before and after."""
    return copy.deepcopy(vars(case))
