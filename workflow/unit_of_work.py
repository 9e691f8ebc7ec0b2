"""The unit-of-work port: one transaction around a command or one event handler.

On commit it writes, atomically: the cases it has seen (with an optimistic version check), their
new history, one outbox row per new event, and, for an event handler, the handled-message row
that makes a redelivery a no-op.
"""

import abc
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Self

from states import State
from workflow.access import AccessEntry
from workflow.case import Case, HistoryEntry
from workflow.consent import Consent
from workflow.links import EarlierCase
from workflow.noncase_store import NonCaseRepository
from workflow.partners import Disclosure, StuckDisclosure
from workflow.report import Report
from workflow.subjects import SubjectIdentity


@dataclass(frozen=True)
class Notification:
    """A message for a person or a role (`role:team_lead`), stored and shown to them. `kind`
    says what it is about; `details` holds the values its text names, which each entry point
    says in the person's language (config/texts, `notification_text.KIND`): codes, dates
    (`*_on`) and moments (`*_at`) in ISO form, never a name or other personal data."""

    recipient: str
    kind: str
    case_id: str
    created_at: datetime
    event_id: str | None = None
    details: Mapping[str, str] = field(default_factory=dict)


class CaseRepository(abc.ABC):
    """Cases and what a handler needs to know across them. `get` and `add` remember the cases a
    unit of work has seen: those are the ones its commit writes."""

    def __init__(self) -> None:
        self.seen: dict[str, Case] = {}
        # Reports corrected in this unit (AVG art. 16), by case id: the commit writes them.
        self.corrected: dict[str, Report] = {}

    def add(self, case: Case, report: Report) -> None:
        self._add(case, report)
        self.seen[case.id] = case

    def correct(self, case: Case, report: Report) -> None:
        """Put `report` in the place of the case's report, and what the case knows from it."""
        self.corrected[case.id] = report
        self.seen[case.id] = case

    def get(self, case_id: str) -> Case:
        """Load a case or raise CaseNotFound."""
        case = self._get(case_id)
        self.seen[case.id] = case
        return case

    @abc.abstractmethod
    def _add(self, case: Case, report: Report) -> None: ...

    @abc.abstractmethod
    def _get(self, case_id: str) -> Case: ...

    @abc.abstractmethod
    def same_subject(self, identity: SubjectIdentity) -> list[EarlierCase]:
        """Earlier cases whose subject key matches: the same person reported before."""

    @abc.abstractmethod
    def same_birth_date(self, identity: SubjectIdentity) -> list[tuple[str, str | None]]:
        """(case id, name) of cases with the same date of birth and another subject key."""

    @abc.abstractmethod
    def earlier_case(self, case_id: str) -> EarlierCase:
        """What intake needs to know of another case; raises CaseNotFound."""

    @abc.abstractmethod
    def open_duplicates(self, case_id: str) -> list[str]:
        """Ids of the cases proposed as possible duplicates of `case_id` and not yet decided."""

    @abc.abstractmethod
    def consents(self, case_id: str) -> list[Consent]:
        """Every consent recorded on the case, withdrawn ones included."""

    @abc.abstractmethod
    def report(self, case_id: str) -> Report:
        """The case's report, decrypted: for a handler that must disclose part of it."""

    @abc.abstractmethod
    def state_at(self, case_id: str, version: int) -> State:
        """The state the case had right after its change numbered `version` (that history
        entry's `to_state`): what an event stamped with that version saw. Raises CaseNotFound."""

    @abc.abstractmethod
    def last_entry(
        self, case_id: str, trigger: str, as_of: int | None = None
    ) -> HistoryEntry | None:
        """The case's latest history entry for `trigger`, its data decrypted, or None; with
        `as_of`, the latest among the entries up to that version (what was true then)."""

    @abc.abstractmethod
    def due_alerts(self, now: datetime, follow_ups: bool, limit: int) -> list[str]:
        """Ids of cases whose next alert is due at `now`: follow-up check-ins or the others."""

    @abc.abstractmethod
    def feedback_due(self, now: datetime, limit: int) -> list[str]:
        """Ids of cases whose feedback to the reporter is overdue and not yet said."""


class NotificationRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, notification: Notification) -> None: ...


class DisclosureRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, disclosure: Disclosure) -> None: ...

    @abc.abstractmethod
    def stuck_unsaid(self, pending_since: datetime, limit: int) -> list[StuckDisclosure]:
        """Disclosures pending since before `pending_since` whose being stuck is not said yet,
        oldest first."""

    @abc.abstractmethod
    def said_stuck(self, disclosure_id: int, at: datetime) -> None:
        """Record that its being stuck was said; written with the unit's other writes."""

    @abc.abstractmethod
    def named_case_to(self, case_id: str, partner: str) -> bool:
        """Whether a disclosure to `partner` named the case (`case_id` among its fields),
        whatever its delivery status: the partner was given this case."""


class UnitOfWork(abc.ABC):
    cases: CaseRepository
    notifications: NotificationRepository
    disclosures: DisclosureRepository
    noncase: NonCaseRepository  # advice questions and prevention activities
    # Set before entering, for work that must happen once per message: see handling_message.
    handling: tuple[str, str] | None = None
    # Set for a command made for a person: the access-log row its commit writes for each case
    # it changed (the case id filled in), in the same transaction.
    access: AccessEntry | None = None
    # Access-log rows a handler adds itself, each with the subject key it concerns (a partner's
    # signal matched to no case has no case id): written by the commit.
    accesses: tuple[tuple[AccessEntry, str | None], ...] = ()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()
        self.handling = None
        self.access = None
        self.accesses = ()

    def log_access(self, entry: AccessEntry, subject_key: str | None) -> None:
        """Have the commit write `entry` to the access log, with `subject_key`."""
        self.accesses = (*self.accesses, (entry, subject_key))

    def handling_message(self, message_id: str, handler: str) -> None:
        """Mark this unit as the work of `handler` on `message_id`; commit records it once."""
        self.handling = (message_id, handler)

    def collect_new_events(self) -> list[object]:
        collected: list[object] = []
        for case in self.cases.seen.values():
            collected.extend(case.events)
        return collected

    @abc.abstractmethod
    def already_handled(self, message_id: str, handler: str) -> bool: ...

    @abc.abstractmethod
    def commit(self) -> None:
        """Write everything or nothing; raise ConcurrencyConflict or AlreadyHandled."""

    @abc.abstractmethod
    def rollback(self) -> None: ...


class AlreadyHandled(Exception):
    """This (message, handler) was handled before: a redelivery, to acknowledge and skip."""
