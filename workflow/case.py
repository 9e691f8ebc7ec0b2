"""The Case aggregate: one report's journey. It asks the state machine, applies the move and
records what happened as a history entry and a domain event. Activities and alerts live in
`case_timeline`, intake matching and assessment checks in `case_intake`."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import uuid4

from states import RiskLevel, State, Trigger, TriggerRefused, allowed_triggers, fire
from workflow import events as ev
from workflow.alerts import Alerts
from workflow.case_consent import CaseConsent
from workflow.case_intake import CaseIntake
from workflow.case_timeline import CaseTimeline
from workflow.consent import Consent, ConsentWithdrawal
from workflow.errors import InvalidInput
from workflow.history import REGISTER, SCHEDULER, SYSTEM, HistoryEntry
from workflow.links import CaseLink, LinkDecision
from workflow.report import Report
from workflow.risk import RiskInstrument
from workflow.subjects import SubjectIdentity
from workflow.transition_data import (
    AdviseData,
    AssessRiskData,
    CloseData,
    ScaleDownData,
    StartCaseDirectionData,
    TransitionData,
    parse_data,
)


@dataclass
class Case(CaseTimeline, CaseIntake, CaseConsent):  # and, through them, CaseRecord
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
    new_links: list[CaseLink] = field(default_factory=list)
    link_decisions: list[LinkDecision] = field(default_factory=list)
    new_consents: list[Consent] = field(default_factory=list)
    consent_withdrawals: list[ConsentWithdrawal] = field(default_factory=list)
    new_history: list[HistoryEntry] = field(default_factory=list)
    events: list[ev.Event] = field(default_factory=list)

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
        case.events.append(
            ev.ReportReceived(
                case_id=case.id,
                occurred_at=at,
                actor=actor,
                correlation_id=correlation_id,
                channel=report.channel,
            )
        )
        return case

    def fire(
        self,
        trigger: str,
        data: Any,
        actor: str,
        at: datetime,
        correlation_id: str | None = None,
        instrument: RiskInstrument | None = None,
    ) -> HistoryEntry:
        """Apply `trigger` with `data`, or raise and change nothing.

        With an `instrument`, an assessment records the level the instrument suggests, refuses
        unknown indicators and any level below the case's floor."""
        if trigger not in Trigger.__members__.values():
            allowed = ", ".join(allowed_triggers(self.state)) or "none"
            raise InvalidInput(
                [
                    (
                        "trigger",
                        f"unknown trigger '{trigger}'; allowed from '{self.state}': {allowed}",
                    )
                ]
            )
        move = Trigger(trigger)
        dest = fire(self, move)  # raises TriggerRefused; the case is untouched
        payload = parse_data(move, data)
        record = payload.model_dump(mode="json")
        if isinstance(payload, AssessRiskData):
            record.update(self._check_assessment(payload, instrument))
        source = self.state
        self._apply(move, payload, at)
        self.state = dest
        self.state_entered_at = at
        self.last_activity_at = at
        self.version += 1
        entry = HistoryEntry(
            self.version,
            move,
            source,
            dest,
            actor,
            at,
            record,
            correlation_id,
        )
        self.new_history.append(entry)
        base = self._base(actor, at, correlation_id)
        self.events.append(_event_for(self, move, source, payload, base))
        if isinstance(payload, AssessRiskData) and payload.level is RiskLevel.ACUTE:
            self.events.append(ev.AcuteRiskDetected(**base, municipality=self.municipality))
        return entry

    def _apply(self, move: Trigger, payload: TransitionData, at: datetime) -> None:
        if isinstance(payload, AssessRiskData):
            self.risk_level = payload.level
        elif isinstance(payload, StartCaseDirectionData):
            self.case_director = payload.case_director
            self.needs_plan = False  # the plan of approach comes with the start
        elif isinstance(payload, CloseData):
            self.closing_result = payload.result
        elif isinstance(payload, ScaleDownData):
            self.scaled_down_at = at
            self.follow_ups_done = 0
        elif move in (Trigger.ESCALATE, Trigger.REOPEN):
            # Back in case direction on new signals: a fresh plan of approach is due.
            self.needs_plan = True
            self.closing_result = None
        if isinstance(payload, AdviseData) and payload.advised_party == "reporter":
            self.alerts.feedback_given(at)


def _event_for(
    case: Case, move: Trigger, source: State, payload: TransitionData, base: dict[str, Any]
) -> ev.Event:
    match payload:
        case AssessRiskData():
            return ev.RiskAssessed(**base, level=payload.level)
        case AdviseData():
            return ev.CaseAdvised(**base, advised_party=payload.advised_party)
        case StartCaseDirectionData():
            return ev.CaseDirectionStarted(
                **base, case_director=payload.case_director, from_state=source
            )
        case ScaleDownData():
            return ev.CaseScaledDown(**base, local_team=payload.local_team)
        case CloseData():
            return ev.CaseClosed(**base, result=payload.result, from_state=source)
    if move is Trigger.ESCALATE:
        return ev.CaseEscalated(**base, case_director=case.case_director)
    return ev.CaseReopened(**base, case_director=case.case_director)


__all__ = ["REGISTER", "SCHEDULER", "SYSTEM", "Case", "HistoryEntry", "TriggerRefused"]
