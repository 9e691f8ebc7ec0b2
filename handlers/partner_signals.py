"""Signals from partners: recorded on the person's case, then acted on by the case's state.

On a case scaled down locally a signal suggests escalation; on a closed case still under the
re-victimisation watch it raises `RevictimisationRiskFlagged` and tells the last case director."""

from collections.abc import Callable
from datetime import datetime

from handlers.cases import CaseRef
from handlers.notifications import TEAM_LEAD
from states import RiskLevel, State
from workflow import events
from workflow.case import Case
from workflow.commands import RecordPartnerSignal
from workflow.deadlines import DeadlinePolicy
from workflow.errors import InvalidInput, reason
from workflow.history import SYSTEM
from workflow.links import EarlierCase
from workflow.reference import ReferenceData
from workflow.subjects import SubjectKeys
from workflow.unit_of_work import Notification, UnitOfWork

Clock = Callable[[], datetime]
WATCHED_LEVELS = {RiskLevel.HIGH, RiskLevel.ACUTE}


def record_partner_signal(
    command: RecordPartnerSignal,
    uow: UnitOfWork,
    clock: Clock,
    reference: ReferenceData,
    subject_keys: SubjectKeys,
) -> CaseRef:
    unknown = reference.instrument.unknown(command.signals)
    if unknown:
        why = reason(
            "partner.unknown_signals", "unknown signal codes: {codes}", codes=", ".join(unknown)
        )
        raise InvalidInput([("signals", why)])
    with uow:
        case = uow.cases.get(_case_id(command, uow, subject_keys))
        data = {
            "kind": command.kind,
            "signals": command.signals,
            "description": command.description,
        }
        case.record_partner_signal(command.partner, data, clock(), command.correlation_id)
        uow.commit()
    return CaseRef(case.id, case.state, case.version)


def _case_id(command: RecordPartnerSignal, uow: UnitOfWork, keys: SubjectKeys) -> str:
    if command.case_id is not None:
        return command.case_id
    if command.subject is None:
        raise InvalidInput(
            [("case_id", reason("partner.case_or_subject", "a case id or a subject is needed"))]
        )
    earlier = uow.cases.same_subject(keys.identify(command.subject))
    if not earlier:
        raise InvalidInput(
            [
                (
                    "subject",
                    reason("partner.no_case", "no case about this person; send a report instead"),
                )
            ]
        )
    return max(earlier, key=lambda e: e.reported_at).case_id


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
