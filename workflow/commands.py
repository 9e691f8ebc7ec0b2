"""Commands: what someone asks the service to do, imperative. Validated before any handler runs."""

from datetime import datetime
from typing import Annotated
from uuid import uuid4

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from workflow.access import AccessEntry
from workflow.activity_data import ActivityData, FollowUpData
from workflow.consent import ConsentData
from workflow.plain_text import PRINTABLE
from workflow.report import MAX_SIGNALS, ReportForm, Subject
from workflow.transition_data import TransitionData

Actor = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=PRINTABLE)
]


def new_correlation_id() -> str:
    return uuid4().hex


class Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: Actor
    correlation_id: str = Field(default_factory=new_correlation_id)
    # A command that must take effect once per outside message (a partner event) carries the
    # message's key; the unit of work records it with the effects, and a repeat is refused.
    idempotency_key: str | None = Field(default=None, max_length=36)
    # Who asks and why, when an entry point acts for a person: the commit writes this access-log
    # row for every case the command changed (its case id filled in), in the same transaction.
    access: AccessEntry | None = None


class RegisterReport(Command):
    """`report` is the report as handed in; the handler checks it (workflow/intake.py), as only
    it has the reference data and the clock, and says every problem at once."""

    report: ReportForm


class FireTrigger(Command):
    """Advance a case with the trigger its `data` is for (workflow.transition_data builds it);
    `expected_version` guards against lost updates."""

    case_id: str
    data: TransitionData
    expected_version: int | None = None

    @property
    def trigger(self) -> str:
        return self.data.trigger.value


class ConfirmAssessment(Command):
    """A team lead's word on an assessment that lowered a high or acute suggestion: confirmed,
    it takes effect; rejected, it lapses (`reason` says why)."""

    case_id: str
    confirm: bool
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    expected_version: int | None = None


class RecordActivity(Command):
    """A contact, meeting, plan of approach, feedback to the reporter or note on a case."""

    case_id: str
    activity: ActivityData
    expected_version: int | None = None


class RecordFollowUp(Command):
    """A check-in with the local team on a scaled-down case (fine, new_signals, no_contact)."""

    case_id: str
    follow_up: FollowUpData
    expected_version: int | None = None


class SweepDeadlines(Command):
    """Alert every case whose next alert is due at `now` (follow-ups or the other deadlines)."""

    now: datetime
    follow_ups: bool = False
    limit: int = Field(default=1000, ge=1)


class SweepReporterFeedback(Command):
    now: datetime
    limit: int = Field(default=1000, ge=1)


class AlertStuckDisclosures(Command):
    """Tell the team lead, once each, of disclosures still pending past the stuck time."""

    now: datetime
    limit: int = Field(default=1000, ge=1)


class DecideDuplicate(Command):
    """Confirm or reject that a proposed duplicate case is about the same person."""

    case_id: str
    other_case_id: str
    confirm: bool


class AssignCase(Command):
    """Hand a case to another case director (a handover, or the team lead's decision)."""

    case_id: str
    case_director: Actor
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    expected_version: int | None = None


class RecordConsent(Command):
    """Record a consent: given_by, scope (registration, care_referral, sharing), partner (for
    sharing only) and given_at."""

    case_id: str
    consent: ConsentData


class WithdrawConsent(Command):
    case_id: str
    consent_id: str


class RecordPartnerSignal(Command):
    """Signals a partner saw about a person: on the case named, or on the latest case about the
    person the subject identifies (BSN, or name and date of birth)."""

    partner: str
    case_id: str | None = None
    subject: Subject | None = None
    kind: str = "signal"
    signals: list[str] = Field(default_factory=list, max_length=MAX_SIGNALS)
    description: str = Field(default="", max_length=20_000)


class RecordPartnerFollowUp(Command):
    """A local team's follow-up result: taken only on a case handed to that team, the one the
    case's latest scale-down names (`local_team`)."""

    partner: str
    local_team: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
    ]
    case_id: str
    follow_up: FollowUpData


class RecordPlacement(Command):
    """CoMensha's shelter placement or care registration: taken only on a case referred to it
    (docs/partners.md, "Acting only on what they were given")."""

    partner: str
    case_id: str
    kind: str
    description: str = Field(default="", max_length=20_000)
