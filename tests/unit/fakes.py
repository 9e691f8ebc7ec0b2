"""In-memory fakes of the unit-of-work port: the same contract as the SQL adapter, no I/O.

A `FakeStore` plays the database: committed cases (as copies) with their reports, history,
links and consents, the outbox, handled messages and notifications. A `FakeUnitOfWork` works on
copies and writes them back only on commit, with the same optimistic version check and
handled-message rule as `adapters.db.unit_of_work.SqlUnitOfWork`; the repository answers every
question of the port, so handlers run their production branches against it.
"""

import copy
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from config.reference import load_reference, load_time_norms
from states import State
from workflow.access import Role
from workflow.calendar import WorkingDayCalendar
from workflow.case import Case, HistoryEntry
from workflow.consent import Consent
from workflow.deadlines import DeadlinePolicy
from workflow.errors import CaseNotFound, ConcurrencyConflict
from workflow.events import Event
from workflow.links import OPEN, POSSIBLE_DUPLICATE, CaseLink, EarlierCase
from workflow.partners import Disclosure, StuckDisclosure
from workflow.report import Report
from workflow.subjects import SubjectIdentity, SubjectKeys
from workflow.unit_of_work import (
    AlreadyHandled,
    CaseRepository,
    DisclosureRepository,
    Notification,
    NotificationRepository,
    UnitOfWork,
)


@dataclass
class FakeStore:
    cases: dict[str, Case] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    history: list[tuple[str, HistoryEntry]] = field(default_factory=list)
    links: list[CaseLink] = field(default_factory=list)
    consents: dict[str, Consent] = field(default_factory=dict)
    outbox: list[Event] = field(default_factory=list)
    handled: set[tuple[str, str]] = field(default_factory=set)
    notifications: list[Notification] = field(default_factory=list)
    disclosures: list[Disclosure] = field(default_factory=list)  # id: position + 1
    delivered: set[int] = field(default_factory=set)  # ids of disclosures that left
    stuck_said: dict[int, datetime] = field(default_factory=dict)
    commits: int = 0


def _earlier(case: Case) -> EarlierCase:
    closed_at = case.state_entered_at if case.state is State.CLOSED else None
    return EarlierCase(
        case.id, case.state, case.received_at, closed_at, case.risk_level, case.case_director
    )


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

    def same_subject(self, identity: SubjectIdentity) -> list[EarlierCase]:
        keys = {k for k in (identity.subject_key, identity.name_dob_key) if k}
        return [
            _earlier(c)
            for c in self.store.cases.values()
            if c.identity and keys & {c.identity.subject_key, c.identity.name_dob_key}
        ]

    def same_birth_date(self, identity: SubjectIdentity) -> list[tuple[str, str | None]]:
        if identity.dob_key is None:
            return []
        return [
            (c.id, self.store.reports[c.id].subject.name)
            for c in self.store.cases.values()
            if c.identity
            and c.identity.dob_key == identity.dob_key
            and (identity.subject_key is None or c.identity.subject_key != identity.subject_key)
        ]

    def earlier_case(self, case_id: str) -> EarlierCase:
        if case_id not in self.store.cases:
            raise CaseNotFound(case_id)
        return _earlier(self.store.cases[case_id])

    def open_duplicates(self, case_id: str) -> list[str]:
        return [
            link.linked_case_id
            for link in self.store.links
            if link.case_id == case_id and link.kind == POSSIBLE_DUPLICATE and link.status == OPEN
        ]

    def consents(self, case_id: str) -> list[Consent]:
        return [c for c in self.store.consents.values() if c.case_id == case_id]

    def report(self, case_id: str) -> Report:
        if case_id not in self.store.reports:
            raise CaseNotFound(case_id)
        return self.store.reports[case_id]

    def last_entry(
        self, case_id: str, trigger: str, as_of: int | None = None
    ) -> HistoryEntry | None:
        found = [
            e
            for cid, e in self.store.history
            if cid == case_id and e.trigger == trigger and (as_of is None or e.seq <= as_of)
        ]
        return found[-1] if found else None

    def state_at(self, case_id: str, version: int) -> State:
        found = [e.to_state for cid, e in self.store.history if cid == case_id and e.seq == version]
        if not found:
            raise CaseNotFound(case_id)
        return found[0]

    def due_alerts(self, now: datetime, follow_ups: bool, limit: int) -> list[str]:
        due = [
            c
            for c in self.store.cases.values()
            if c.alerts.next_alert_at is not None
            and c.alerts.next_alert_at <= now
            and (c.alerts.deadline_kind == "follow_up") == follow_ups
        ]
        return [c.id for c in sorted(due, key=lambda c: c.alerts.next_alert_at or now)][:limit]

    def feedback_due(self, now: datetime, limit: int) -> list[str]:
        due = [
            c
            for c in self.store.cases.values()
            if c.alerts.feedback_alert_at is not None and c.alerts.feedback_alert_at <= now
        ]
        return [c.id for c in sorted(due, key=lambda c: c.alerts.feedback_alert_at or now)][:limit]


class FakeNotificationRepository(NotificationRepository):
    def __init__(self) -> None:
        self.pending: list[Notification] = []

    def add(self, notification: Notification) -> None:
        self.pending.append(notification)


class FakeDisclosureRepository(DisclosureRepository):
    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.pending: list[Disclosure] = []
        self.said: dict[int, datetime] = {}

    def add(self, disclosure: Disclosure) -> None:
        self.pending.append(disclosure)

    def stuck_unsaid(self, pending_since: datetime, limit: int) -> list[StuckDisclosure]:
        return [
            StuckDisclosure(n, d.case_id, d.partner, d.event_type, d.created_at, 0, None)
            for n, d in enumerate(self.store.disclosures, start=1)
            if d.created_at < pending_since
            and n not in self.store.delivered
            and n not in self.store.stuck_said
        ][:limit]

    def said_stuck(self, disclosure_id: int, at: datetime) -> None:
        self.said[disclosure_id] = at

    def named_case_to(self, case_id: str, partner: str) -> bool:
        return any(
            d.case_id == case_id and d.partner == partner and "case_id" in d.fields
            for d in self.store.disclosures
        )


class FakeUnitOfWork(UnitOfWork):
    cases: FakeCaseRepository
    notifications: FakeNotificationRepository
    disclosures: FakeDisclosureRepository

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store if store is not None else FakeStore()
        self.committed = False
        self.rolled_back = 0

    def __enter__(self) -> "FakeUnitOfWork":
        super().__enter__()
        self.cases = FakeCaseRepository(self.store)
        self.notifications = FakeNotificationRepository()
        self.disclosures = FakeDisclosureRepository(self.store)
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
            self._write(case)
        self.store.outbox.extend(e for e in self.collect_new_events() if isinstance(e, Event))
        self.store.notifications.extend(self.notifications.pending)
        self.store.disclosures.extend(self.disclosures.pending)
        self.store.stuck_said.update(self.disclosures.said)
        if self.handling is not None:
            self.store.handled.add(self.handling)
        self.store.commits += 1
        self.committed = True

    def _write(self, case: Case) -> None:
        self.store.history.extend((case.id, entry) for entry in case.new_history)
        self.store.links.extend(case.new_links)
        for decision in case.link_decisions:
            self.store.links = [
                replace(link, status=decision.status, decided_by=decision.decided_by)
                if (link.case_id, link.linked_case_id) == (case.id, decision.linked_case_id)
                else link
                for link in self.store.links
            ]
        self.store.consents.update({c.consent_id: c for c in case.new_consents})
        for withdrawal in case.consent_withdrawals:
            consent = self.store.consents[withdrawal.consent_id]
            self.store.consents[withdrawal.consent_id] = replace(
                consent, withdrawn_at=withdrawal.withdrawn_at, withdrawn_by=withdrawal.withdrawn_by
            )
        if case.id in self.cases.new_reports:
            self.store.reports[case.id] = self.cases.new_reports[case.id]
        if case.id in self.cases.corrected:  # a correction (AVG art. 16)
            self.store.reports[case.id] = self.cases.corrected[case.id]
        self.store.cases[case.id] = replace(
            copy.deepcopy(case),
            new_history=[],
            events=[],
            new_links=[],
            link_decisions=[],
            new_consents=[],
            consent_withdrawals=[],
        )

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
        # After the example report came in (09:15 UTC): a report from the future is refused.
        self.now = now or datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def deadline_policy() -> DeadlinePolicy:
    """The deadline policy bootstrap builds, from the shipped time norms."""
    norms = load_time_norms()
    return DeadlinePolicy(norms, WorkingDayCalendar(norms.extra_closed_days))


class FakePeople:
    """The people port: the users the unit tests' cases are directed by."""

    def __init__(self, roles: dict[str, Role] | None = None) -> None:
        self.roles = roles or {
            "anna": Role.CASE_DIRECTOR,
            "bram": Role.CASE_DIRECTOR,
            "teun": Role.TEAM_LEAD,
            "iris": Role.INTAKE,
        }

    def roles_of(self, name: str) -> frozenset[Role]:
        return frozenset({self.roles[name]}) if name in self.roles else frozenset()


PEOPLE = FakePeople()
REFERENCE = load_reference()
SUBJECT_KEYS = SubjectKeys(b"subject-key-for-unit-tests-0123")


def snapshot(case: Case) -> dict[str, Any]:
    """Every field of a case, deep-copied, to compare before and after."""
    return copy.deepcopy(vars(case))
