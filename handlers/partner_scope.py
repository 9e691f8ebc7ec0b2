"""Partners act only on what they were given (docs/partners.md).

A local team records a follow-up only on a case handed to that very team: the team its
follow-up names must be the `local_team` of the case's latest scale-down. CoMensha attaches a
placement only to a case referred to it: a consent in force for registration or a care referral,
or a disclosure to CoMensha that named the case. Anything else is refused with its reason
(InvalidInput: dead-lettered, or 400) and changes nothing."""

from collections.abc import Callable
from datetime import datetime

from handlers.cases import CaseRef, change_case
from workflow.case import Case
from workflow.commands import RecordPartnerFollowUp, RecordPlacement
from workflow.consent import ConsentScope
from workflow.deadlines import DeadlinePolicy
from workflow.errors import InvalidInput, reason
from workflow.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
REFERRAL_SCOPES = (ConsentScope.REGISTRATION, ConsentScope.CARE_REFERRAL)


def record_partner_follow_up(
    command: RecordPartnerFollowUp, uow: UnitOfWork, clock: Clock, deadlines: DeadlinePolicy
) -> CaseRef:
    def record(case: Case) -> None:
        entry = uow.cases.last_entry(case.id, "scale_down")
        handover = entry.data if entry else {}
        if _team(handover.get("local_team")) != _team(command.local_team):
            # Which team it was handed to is not this team's to know.
            why = reason(
                "partner.not_handed_over",
                "this case was not handed over to '{team}'",
                team=command.local_team,
            )
            raise InvalidInput([("case_id", why)], "partner event")
        case.record_follow_up(
            command.follow_up,
            command.actor,
            clock(),
            command.correlation_id,
            len(deadlines.norms.follow_up_months),
            deadlines.follow_up_opens(case),
        )

    return change_case(uow, command.case_id, None, deadlines, record)


def record_placement(command: RecordPlacement, uow: UnitOfWork, clock: Clock) -> CaseRef:
    with uow:
        case = uow.cases.get(command.case_id)
        if not referred(uow, case.id, command.partner):
            why = reason(
                "partner.not_referred",
                "this case was not referred to {partner} (no consent for registration or a care "
                "referral, and no disclosure naming it)",
                partner=command.partner,
            )
            raise InvalidInput([("case_id", why)], "partner event")
        data = {"kind": command.kind, "signals": [], "description": command.description}
        case.record_partner_signal(command.partner, data, clock(), command.correlation_id)
        uow.commit()
    return CaseRef(case.id, case.state, case.version)


def referred(uow: UnitOfWork, case_id: str, partner: str) -> bool:
    """Referred to `partner`: the subject consents (in force) to registration or a care
    referral, or the partner was told of the case by its id (a withdrawal later does not undo
    what the partner was given)."""
    consents = uow.cases.consents(case_id)
    if any(c.covers(scope) for c in consents for scope in REFERRAL_SCOPES):
        return True
    return uow.disclosures.named_case_to(case_id, partner)


def _team(name: object) -> str | None:
    """A team's name as compared: case and spacing do not make another team."""
    return " ".join(name.split()).casefold() if isinstance(name, str) else None
