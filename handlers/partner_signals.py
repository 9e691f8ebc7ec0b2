"""Signals from partners: recorded on the person's case, then acted on by the case's state.

On a case scaled down locally a signal suggests escalation; on a closed case still under the
re-victimisation watch it raises `RevictimisationRiskFlagged` and tells the last case director."""

from collections.abc import Callable
from datetime import datetime

from handlers.cases import CaseRef
from handlers.notifications import TEAM_LEAD
from states import RiskLevel, State
from workflow import events
from workflow.access import AccessEntry
from workflow.case import Case
from workflow.commands import RecordPartnerSignal
from workflow.deadlines import DeadlinePolicy
from workflow.errors import CaseNotFound, InvalidInput, reason
from workflow.history import SYSTEM
from workflow.links import EarlierCase
from workflow.reference import ReferenceData
from workflow.subjects import SubjectKeys
from workflow.unit_of_work import Notification, UnitOfWork

Clock = Callable[[], datetime]
WATCHED_LEVELS = {RiskLevel.HIGH, RiskLevel.ACUTE}
UNMATCHED = "partner_signal_unmatched"


def record_partner_signal(
    command: RecordPartnerSignal,
    uow: UnitOfWork,
    clock: Clock,
    reference: ReferenceData,
    subject_keys: SubjectKeys,
) -> CaseRef | None:
    """On the case named, or the latest case about the person; a signal that matches no case
    is kept for the team lead (a notification without personal data). Either way the partner
    gets the same answer (docs/privacy.md): whether the Meldpunt knows the person is not its
    to learn. The access log says which subject key the signal matched, or that none did."""
    unknown = reference.instrument.unknown(command.signals)
    if unknown:
        why = reason(
            "partner.unknown_signals", "unknown signal codes: {codes}", codes=", ".join(unknown)
        )
        raise InvalidInput([("signals", why)])
    if command.case_id is None and command.subject is None:
        raise InvalidInput(
            [("case_id", reason("partner.case_or_subject", "a case id or a subject is needed"))]
        )
    subject_key = subject_keys.identify(command.subject).subject_key if command.subject else None
    with uow:
        case = _case(command, uow, subject_keys)
        if case is None:
            _unmatched(command, uow, clock)
            uow.log_access(_entry(command, "unmatched", None), subject_key)
            uow.commit()
            return None
        data = {
            "kind": command.kind,
            "signals": command.signals,
            "description": command.description,
        }
        case.record_partner_signal(command.partner, data, clock(), command.correlation_id)
        matched = case.identity.subject_key if case.identity else None
        uow.log_access(_entry(command, "matched", case.id), matched)
        uow.commit()
    return CaseRef(case.id, case.state, case.version)


def _case(command: RecordPartnerSignal, uow: UnitOfWork, keys: SubjectKeys) -> Case | None:
    """The case the signal is about, or None: a case id the Meldpunt does not know counts as
    no match, like a person it does not know."""
    if command.case_id is not None:
        try:
            return uow.cases.get(command.case_id)
        except CaseNotFound:
            return None
    if command.subject is None:
        return None
    earlier = uow.cases.same_subject(keys.identify(command.subject))
    if not earlier:
        return None
    return uow.cases.get(max(earlier, key=lambda e: e.reported_at).case_id)


def _unmatched(command: RecordPartnerSignal, uow: UnitOfWork, clock: Clock) -> None:
    """Tell the team lead: which partner, which signal codes and the event's key (to ask the
    partner about it); never the name or birth date, which the Meldpunt does not keep."""
    details = {
        "partner": command.partner,
        "signals": ", ".join(command.signals) or "-",
        "event": command.idempotency_key or "-",
    }
    uow.notifications.add(
        Notification(TEAM_LEAD, UNMATCHED, "", clock(), command.correlation_id, details)
    )


def _entry(command: RecordPartnerSignal, outcome: str, case_id: str | None) -> AccessEntry:
    return AccessEntry(
        actor=command.actor,
        role="partner",
        via="partner",
        action="write",
        resource="partner_signal",
        outcome=outcome,
        case_id=case_id,
        client=command.partner,
        purpose="partner signal",
    )


def react_to_partner_signal(
    event: events.PartnerSignalRecorded, uow: UnitOfWork, clock: Clock, deadlines: DeadlinePolicy
) -> None:
    case = uow.cases.get(event.case_id)  # the current state, not the one the event saw
    director = case.case_director or TEAM_LEAD
    if case.state is State.SCALED_DOWN_LOCALLY:
        _tell(uow, director, "escalation_suggested", event, clock, {"partner": event.partner})
    elif case.state is State.CLOSED:
        if _watched(case, event.occurred_at, deadlines.norms.revictimisation_watch_years):
            flagged = events.RevictimisationRiskFlagged(
                case_id=case.id,
                occurred_at=clock(),
                actor=SYSTEM,
                correlation_id=event.correlation_id,
                earlier_case_id=case.id,
                earlier_case_director=case.case_director,
            )
            case.record(
                "revictimisation_watch",
                {"partner": event.partner},
                SYSTEM,
                flagged.occurred_at,
                flagged,
            )
    else:
        _tell(uow, director, "partner_signal", event, clock, {"partner": event.partner})
    if case.state not in (State.RECEIVED, State.CLOSED):  # an assessment to reconsider
        _tell(uow, director, "reassessment_suggested", event, clock, {"partner": event.partner})


def _watched(case: Case, moment: datetime, years: int) -> bool:
    """Closed with high or acute risk less than `years` ago: on the re-victimisation watch."""
    closed = EarlierCase(
        case.id,
        case.state,
        case.received_at,
        case.state_entered_at,
        case.risk_level,
        case.case_director,
    )
    return case.risk_level in WATCHED_LEVELS and closed.watched_at(moment, years)


def _tell(
    uow: UnitOfWork,
    recipient: str,
    kind: str,
    event: events.Event,
    clock: Clock,
    details: dict[str, str],
) -> None:
    uow.notifications.add(
        Notification(recipient, kind, event.case_id, clock(), str(event.event_id), details)
    )
