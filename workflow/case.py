"""The Case aggregate: one report's journey, in one class. Every change asks the state machine
(or the case's own rule), applies itself, appends a history entry with a new version, and
records the domain events it raised; a refused change raises and leaves the case untouched.

What a change carries is already typed (workflow/transition_data.py, activity_data.py,
consent.py): the case works with valid values only."""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from uuid import uuid4

from states import RiskLevel, State, Trigger, TriggerRefused, allowed_triggers, next_state
from workflow import events as ev
from workflow.activity_data import ActivityData, ActivityKind, FollowUpData
from workflow.alerts import TEAM_LEAD_ALERTED, Alerts
from workflow.assessment import ASSESSMENT_PROPOSED, AssessmentCheck, assess
from workflow.consent import Consent, ConsentData, ConsentWithdrawal
from workflow.errors import InvalidInput
from workflow.errors import reason as say
from workflow.history import REGISTER, SCHEDULER, SYSTEM, HistoryEntry
from workflow.links import (
    CONFIRMED,
    OPEN,
    POSSIBLE_DUPLICATE,
    REJECTED,
    SAME_SUBJECT,
    CaseLink,
    EarlierCase,
    LinkDecision,
)
from workflow.report import Report
from workflow.retention import ArchiveTerms
from workflow.risk import RiskInstrument
from workflow.subjects import SubjectIdentity
from workflow.transition_data import (
    AdviseData,
    AssessRiskData,
    CloseData,
    ReassessRiskData,
    ScaleDownData,
    StartCaseDirectionData,
    TransitionData,
    transition_data,
)

ADULT_AGE = 18
NOTHING_TO_CONFIRM = say("assessment.nothing_to_confirm", "this case has no assessment to confirm")


@dataclass
class Case:
    id: str
    state: State
    version: int
    received_at: datetime
    municipality: str
    risk_level: RiskLevel | None = None
    case_director: str | None = None
    closing_result: str | None = None
    state_entered_at: datetime | None = None
    last_activity_at: datetime | None = None
    needs_plan: bool = False
    scaled_down_at: datetime | None = None
    follow_ups_done: int = 0
    alerts: Alerts = field(default_factory=Alerts)
    identity: SubjectIdentity | None = None
    age_at_report: int | None = None
    risk_floor: RiskLevel | None = None
    # What the report's signals pointed to at intake, before anyone assessed the case.
    suggested_risk_level: RiskLevel | None = None
    # An assessment below a high or acute suggestion waits for a team lead (four eyes).
    awaiting_confirmation: bool = False
    # Restricted processing, AVG art. 18 (workflow/restriction.py): only the team lead reads it.
    restricted: bool = False
    # Set at closing from the retention rules, cleared by reopening (workflow/retention.py).
    archive: ArchiveTerms | None = None
    # What changed since the case was loaded: the unit of work writes these on commit.
    new_links: list[CaseLink] = field(default_factory=list)
    link_decisions: list[LinkDecision] = field(default_factory=list)
    new_consents: list[Consent] = field(default_factory=list)
    consent_withdrawals: list[ConsentWithdrawal] = field(default_factory=list)
    new_history: list[HistoryEntry] = field(default_factory=list)
    events: list[ev.Event] = field(default_factory=list)

    # --- registering and moving -----------------------------------------------------------

    @classmethod
    def register(
        cls, report: Report, actor: str, at: datetime, correlation_id: str | None = None
    ) -> "Case":
        case = cls(
            id=str(uuid4()),
            state=State.RECEIVED,
            version=1,
            received_at=report.received_at,
            municipality=report.subject.municipality,
            state_entered_at=at,
            last_activity_at=at,
            age_at_report=report.age_at_report(),
        )
        case.new_history.append(
            HistoryEntry(1, REGISTER, None, State.RECEIVED, actor, at, {}, correlation_id)
        )
        case._emit(
            ev.ReportReceived(**case._base(actor, at, correlation_id), channel=report.channel)
        )
        return case

    def fire(
        self,
        data: TransitionData,
        actor: str,
        at: datetime,
        correlation_id: str | None = None,
        instrument: RiskInstrument | None = None,
        reported_signals: Sequence[str] = (),
        confirmed_by: str | None = None,
    ) -> HistoryEntry:
        """Apply the trigger `data` is for, or raise and change nothing.

        An assessment (with the `instrument`) refuses unknown indicators, a level below the
        case's floor, and a signal of the report left out without a reason; it records the
        level the instrument suggests. One below a high or acute suggestion is only proposed,
        for a team lead to confirm (`decide_assessment`), unless `confirmed_by` names them."""
        dest = next_state(self, data.trigger)  # raises TriggerRefused; the case is untouched
        record = data.model_dump(mode="json")
        if isinstance(data, AssessRiskData):
            check = assess(data, instrument, reported_signals, self.is_minor, self.risk_floor)
            record.update(check.record)
            if check.needs_confirmation and confirmed_by is None:
                return self._propose_assessment(data, check, record, actor, at, correlation_id)
            if confirmed_by is not None:
                record["confirmed_by"] = confirmed_by
            self.awaiting_confirmation = False
        source = self.state
        self._apply(data, at)
        if dest != source:  # a move to the same state (a reassessment) does not re-enter it
            self.state_entered_at = at
        self.state = dest
        self.last_activity_at = at
        self.version += 1
        entry = HistoryEntry(
            self.version, data.trigger, source, dest, actor, at, record, correlation_id
        )
        self.new_history.append(entry)
        base = self._base(actor, at, correlation_id)
        self._emit(self._event_for(data, source, base, confirmed_by))
        if isinstance(data, AssessRiskData) and data.level is RiskLevel.ACUTE:
            self._emit(ev.AcuteRiskDetected(**base, municipality=self.municipality))
        return entry

    def _propose_assessment(
        self,
        data: AssessRiskData,
        check: AssessmentCheck,
        record: dict[str, Any],
        actor: str,
        at: datetime,
        correlation_id: str | None,
    ) -> HistoryEntry:
        self.awaiting_confirmation = True
        event = ev.AssessmentAwaitingConfirmation(
            **self._base(actor, at, correlation_id),
            level=data.level,
            suggested_level=check.evidence_level,
        )
        proposal = {**record, "trigger": data.trigger.value}
        return self.record(ASSESSMENT_PROPOSED, proposal, actor, at, event, correlation_id)

    def decide_assessment(
        self,
        proposal: dict[str, Any],
        proposed_by: str,
        confirm: bool,
        reason: str,
        actor: str,
        at: datetime,
        instrument: RiskInstrument | None = None,
        reported_signals: Sequence[str] = (),
        correlation_id: str | None = None,
    ) -> HistoryEntry:
        """A team lead's word on a proposed assessment: confirmed, it takes effect as the
        assessor's, with both names; rejected, it lapses and the case waits for another."""
        if not self.awaiting_confirmation:
            raise InvalidInput([("case_id", NOTHING_TO_CONFIRM)])
        if actor == proposed_by:
            why = say("assessment.own", "a second person confirms: not the assessor")
            raise InvalidInput([("actor", why)])
        if not confirm:
            self.awaiting_confirmation = False
            data = {"proposed_by": proposed_by, "reason": reason}
            return self.record("assessment_rejected", data, actor, at, None, correlation_id)
        fields = {k: v for k, v in proposal.items() if k in AssessRiskData.model_fields}
        assessment = transition_data(proposal["trigger"], fields)
        return self.fire(
            assessment, proposed_by, at, correlation_id, instrument, reported_signals, actor
        )

    def _apply(self, data: TransitionData, at: datetime) -> None:
        if isinstance(data, AssessRiskData):
            self.risk_level = data.level
        elif isinstance(data, StartCaseDirectionData):
            self.case_director = data.case_director
            self.needs_plan = False  # the plan of approach comes with the start
        elif isinstance(data, CloseData):
            self.closing_result = data.result
        elif isinstance(data, ScaleDownData):
            self.scaled_down_at = at
            self.follow_ups_done = 0
        elif data.trigger in (Trigger.ESCALATE, Trigger.REOPEN):
            # Back in case direction on new signals: a fresh plan of approach is due.
            self.needs_plan = True
            self.closing_result = None
        if isinstance(data, AdviseData) and data.advised_party == "reporter":
            self.alerts.feedback_given(at)

    def _event_for(
        self, data: TransitionData, source: State, base: dict[str, Any], confirmed_by: str | None
    ) -> ev.Event:
        match data:
            case AssessRiskData():
                reassessment = isinstance(data, ReassessRiskData)
                return ev.RiskAssessed(
                    **base, level=data.level, reassessment=reassessment, confirmed_by=confirmed_by
                )
            case AdviseData():
                return ev.CaseAdvised(**base, advised_party=data.advised_party)
            case StartCaseDirectionData():
                return ev.CaseDirectionStarted(
                    **base, case_director=data.case_director, from_state=source
                )
            case ScaleDownData():
                return ev.CaseScaledDown(**base, local_team=data.local_team)
            case CloseData():
                return ev.CaseClosed(**base, result=data.result, from_state=source)
        if data.trigger is Trigger.ESCALATE:
            return ev.CaseEscalated(**base, case_director=self.case_director)
        return ev.CaseReopened(**base, case_director=self.case_director)

    # --- the timeline between moves -------------------------------------------------------

    def record(
        self,
        what: str,
        data: dict[str, Any],
        actor: str,
        at: datetime,
        event: ev.Event | None = None,
        correlation_id: str | None = None,
    ) -> HistoryEntry:
        """Add a timeline entry that is not a move (activity, flag): same state, new version."""
        self.version += 1
        entry = HistoryEntry(
            self.version, what, self.state, self.state, actor, at, data, correlation_id
        )
        self.new_history.append(entry)
        if event is not None:
            self._emit(event)
        return entry

    def record_activity(
        self, activity: ActivityData, actor: str, at: datetime, correlation_id: str | None = None
    ) -> HistoryEntry:
        """A contact, meeting, plan of approach or feedback: it resets the inactivity clock."""
        self._refuse_if(
            self.state is State.CLOSED,
            "record_activity",
            say("case.closed_no_activity", "a closed case takes no activities; reopen it first"),
        )
        self.last_activity_at = at
        if activity.kind is ActivityKind.PLAN_OF_APPROACH:
            self.needs_plan = False
        if activity.kind is ActivityKind.REPORTER_FEEDBACK:
            self.alerts.feedback_given(at)
        event = ev.ActivityRecorded(**self._base(actor, at, correlation_id), kind=activity.kind)
        data = activity.model_dump(mode="json")
        return self.record("record_activity", data, actor, at, event, correlation_id)

    def record_follow_up(
        self,
        follow_up: FollowUpData,
        actor: str,
        at: datetime,
        correlation_id: str | None = None,
        planned: int | None = None,
        opens_at: datetime | None = None,
    ) -> HistoryEntry:
        """A check-in with the local team after scaling down. Beyond the `planned` number, or
        before the next one `opens_at`, it needs a reason."""
        self._refuse_if(
            self.state is not State.SCALED_DOWN_LOCALLY,
            "record_follow_up",
            say(
                "case.follow_up_not_scaled_down", "follow-ups belong to a case scaled down locally"
            ),
        )
        if follow_up.reason is None:
            if planned is not None and self.follow_ups_done >= planned:
                why = say(
                    "follow_up.beyond_plan",
                    "the {planned} planned follow-ups are done: say why there is another",
                    planned=planned,
                )
                raise InvalidInput([("reason", why)], "follow-up")
            if opens_at is not None and at < opens_at:
                why = say(
                    "follow_up.early",
                    "the next follow-up is not due yet: say why it is recorded before {day}",
                    day=f"{opens_at:%d-%m-%Y}",
                )
                raise InvalidInput([("reason", why)], "follow-up")
        self.follow_ups_done += 1
        self.last_activity_at = at
        event = ev.FollowUpRecorded(
            **self._base(actor, at, correlation_id),
            seq=self.follow_ups_done,
            outcome=follow_up.outcome,
        )
        data = {"seq": self.follow_ups_done, **follow_up.model_dump(mode="json")}
        return self.record("record_follow_up", data, actor, at, event, correlation_id)

    def assign_director(
        self,
        case_director: str,
        reason: str | None,
        actor: str,
        at: datetime,
        correlation_id: str | None = None,
    ) -> None:
        """Hand the case to another case director: who to whom, and why, on the timeline."""
        closed = say("case.closed_no_director", "a closed case has no director")
        self._refuse_if(self.state is State.CLOSED, "assign", closed)
        previous = self.case_director
        if previous == case_director:
            already = say(
                "case.director_already", "'{name}' is the case director already", name=previous
            )
            raise InvalidInput([("case_director", already)], "assignment")
        self.case_director = case_director
        event = ev.CaseReassigned(
            **self._base(actor, at, correlation_id),
            case_director=case_director,
            previous_case_director=previous,
        )
        data: dict[str, Any] = {"case_director": case_director, "previous": previous}
        if reason:
            data["reason"] = reason
        self.record("assign", data, actor, at, event, correlation_id)

    def record_partner_signal(
        self, partner: str, data: dict[str, Any], at: datetime, correlation_id: str | None = None
    ) -> None:
        """A partner saw signals about this person; any state, a closed case included (the
        re-victimisation watch). It is information, not the case director's activity, so the
        inactivity clock does not move."""
        actor = f"partner:{partner}"
        event = ev.PartnerSignalRecorded(
            **self._base(actor, at, correlation_id), partner=partner, state=self.state
        )
        self.record("partner_signal", data, actor, at, event, correlation_id)

    # --- the scheduler's flags ------------------------------------------------------------

    def flag_overdue(self, grace_end: datetime, at: datetime) -> ev.Event:
        """Say once that the deadline passed, then once more to the team lead after the grace."""
        due, kind = self.alerts.deadline_at, self.alerts.deadline_kind or ""
        assert due is not None, "flag_overdue needs a deadline"
        stage = self.alerts.advance(grace_end)
        base = self._base(SCHEDULER, at, None)
        event: ev.Event
        if stage == TEAM_LEAD_ALERTED:
            event = ev.StalledCaseEscalated(**base, deadline_kind=kind, due=due)
        elif kind == "follow_up":
            event = ev.FollowUpDue(
                **base, seq=self.follow_ups_done + 1, due=due, case_director=self.case_director
            )
        else:
            event = ev.CaseStalled(
                **base, deadline_kind=kind, due=due, case_director=self.case_director
            )
        data = {"deadline_kind": kind, "due": due.isoformat(), "stage": stage}
        self.record(type(event).__name__, data, SCHEDULER, at, event)
        return event

    def flag_feedback_overdue(self, at: datetime) -> ev.Event:
        due = self.alerts.feedback_due_at
        assert due is not None, "flag_feedback_overdue needs a feedback deadline"
        self.alerts.feedback_alerted()
        event = ev.ReporterFeedbackDue(
            **self._base(SCHEDULER, at, None), due=due, case_director=self.case_director
        )
        self.record("ReporterFeedbackDue", {"due": due.isoformat()}, SCHEDULER, at, event)
        return event

    # --- the same person reported before ------------------------------------------------

    @property
    def is_minor(self) -> bool:
        return self.age_at_report is not None and self.age_at_report < ADULT_AGE

    @property
    def is_acute(self) -> bool:
        """Assessed as acute, or not yet assessed and the report's signals point to acute."""
        if self.risk_level is not None:
            return self.risk_level is RiskLevel.ACUTE
        return self.suggested_risk_level is RiskLevel.ACUTE

    def suggest_risk(
        self, signals: Sequence[str], instrument: RiskInstrument, at: datetime
    ) -> None:
        """At intake: the level the report's signals point to, recorded with the registration.
        Acute makes the case acute at once: the team lead and the police are told now, not
        after the assessment."""
        register = self.new_history[0]
        assert register.trigger == REGISTER, "a suggestion at intake belongs to a new case"
        suggestion = instrument.suggest(list(signals), self.is_minor, self.risk_floor)
        self.suggested_risk_level = suggestion.level
        self.new_history[0] = replace(
            register, data={**register.data, "suggestion": suggestion.as_record()}
        )
        if suggestion.level is RiskLevel.ACUTE:
            base = self._base(register.actor, at, register.correlation_id)
            self._emit(ev.AcuteRiskDetected(**base, municipality=self.municipality, at_intake=True))

    def link_earlier(self, earlier: list[EarlierCase], at: datetime, watch_years: int) -> None:
        """The same person was reported before: link the cases, flag re-victimisation, and set a
        floor of high while an earlier case is open or ended less than `watch_years` ago."""
        if not earlier:
            return
        for other in earlier:
            self.new_links.append(CaseLink(self.id, other.case_id, SAME_SUBJECT, at))
        self._flag_same_person(earlier, at, watch_years, SYSTEM, "linked_to_earlier_cases")

    def propose_duplicates(self, candidates: list[tuple[str, float]], at: datetime) -> None:
        """Cases with the same date of birth and a similar name: a person confirms or rejects."""
        for other, score in candidates:
            self.new_links.append(
                CaseLink(self.id, other, POSSIBLE_DUPLICATE, at, OPEN, round(score, 3))
            )
        if candidates:
            data = {"possible_duplicates": [c for c, _ in candidates]}
            self.record("possible_duplicates_found", data, SYSTEM, at)

    def decide_duplicate(
        self, other: EarlierCase, confirm: bool, actor: str, at: datetime, watch_years: int
    ) -> None:
        """A person says whether a proposed duplicate is the same person; recorded with who."""
        self.link_decisions.append(
            LinkDecision(other.case_id, CONFIRMED if confirm else REJECTED, actor, at)
        )
        if confirm:
            self._flag_same_person([other], at, watch_years, actor, "duplicate_confirmed")
        else:
            self.record("duplicate_rejected", {"other_case": other.case_id}, actor, at)

    def _flag_same_person(
        self, earlier: list[EarlierCase], at: datetime, watch_years: int, actor: str, what: str
    ) -> None:
        if any(e.watched_at(at, watch_years) for e in earlier):
            self.risk_floor = RiskLevel.HIGH
        latest = max(earlier, key=lambda e: e.reported_at)
        event = ev.RevictimisationRiskFlagged(
            **self._base(actor, at, None),
            earlier_case_id=latest.case_id,
            earlier_case_director=latest.case_director,
        )
        data = {
            "earlier_cases": [e.case_id for e in earlier],
            "risk_floor": self.risk_floor.value if self.risk_floor else None,
        }
        self.record(what, data, actor, at, event)

    # --- consent --------------------------------------------------------------------------

    def record_consent(
        self, given: ConsentData, actor: str, at: datetime, correlation_id: str | None = None
    ) -> Consent:
        if given.given_at > at:
            future = say("consent.given_in_future", "lies in the future")
            raise InvalidInput([("given_at", future)], "consent")
        consent = Consent(
            str(uuid4()), self.id, given.given_by, given.scope, given.partner, given.given_at, actor
        )
        self.new_consents.append(consent)
        event = ev.ConsentRecorded(
            **self._base(actor, at, correlation_id),
            consent_id=consent.consent_id,
            scope=consent.scope,
            partner=consent.partner,
        )
        record = {"consent_id": consent.consent_id, **given.model_dump(mode="json")}
        self.record("record_consent", record, actor, at, event, correlation_id)
        return consent

    def withdraw_consent(
        self, consent: Consent, actor: str, at: datetime, correlation_id: str | None = None
    ) -> None:
        if consent.case_id != self.id:
            other = say("consent.other_case", "not a consent of case '{case_id}'", case_id=self.id)
            raise InvalidInput([("consent_id", other)])
        if consent.withdrawn_at is not None:
            withdrawn = say(
                "consent.withdrawn_already",
                "already withdrawn on {day}",
                day=f"{consent.withdrawn_at:%d-%m-%Y}",
            )
            raise InvalidInput([("consent_id", withdrawn)])
        self.consent_withdrawals.append(ConsentWithdrawal(consent.consent_id, at, actor))
        event = ev.ConsentWithdrawn(
            **self._base(actor, at, correlation_id),
            consent_id=consent.consent_id,
            scope=consent.scope,
            partner=consent.partner,
        )
        record = {"consent_id": consent.consent_id, "scope": consent.scope.value}
        self.record("withdraw_consent", record, actor, at, event, correlation_id)

    # --- shared -------------------------------------------------------------------------------

    def allowed_triggers(self) -> list[Trigger]:
        return allowed_triggers(self.state)

    def _refuse_if(self, refused: bool, what: str, reason: str) -> None:
        if refused:
            raise TriggerRefused(self.state, what, self.allowed_triggers(), reason)

    def _emit(self, event: ev.Event) -> None:
        """Record an event of the change just made, stamped with the version it made."""
        self.events.append(event.model_copy(update={"case_version": self.version}))

    def _base(self, actor: str, at: datetime, correlation_id: str | None) -> dict[str, Any]:
        """The fields every event of this case carries."""
        return {
            "case_id": self.id,
            "occurred_at": at,
            "actor": actor,
            "correlation_id": correlation_id,
        }


__all__ = ["REGISTER", "SCHEDULER", "SYSTEM", "Case", "HistoryEntry", "TriggerRefused"]
