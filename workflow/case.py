"""The Case aggregate: one report's journey. It asks the state machine, applies the move and
records what happened as a history entry and a domain event."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import uuid4

from states import RiskLevel, State, Trigger, TriggerRefused, allowed_triggers, fire
from workflow import events as ev
from workflow.errors import InvalidInput
from workflow.report import Report
from workflow.transition_data import (
    AdviseData,
    AssessRiskData,
    CloseData,
    ScaleDownData,
    StartCaseDirectionData,
    TransitionData,
    parse_data,
)

REGISTER = "register"


@dataclass(frozen=True)
class HistoryEntry:
    """One accepted move: who, when, from, to, which trigger, with what data. `seq` is gapless."""

    seq: int
    trigger: str
    from_state: State | None
    to_state: State
    actor: str
    occurred_at: datetime
    data: dict[str, Any]
    correlation_id: str | None = None


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
    ) -> HistoryEntry:
        """Apply `trigger` with `data`, or raise and change nothing."""
        if trigger not in Trigger.__members__.values():
            allowed = ", ".join(allowed_triggers(self.state)) or "none"
            raise InvalidInput(
                [("trigger", f"unknown trigger '{trigger}'; allowed from '{self.state}': {allowed}")]
            )
        move = Trigger(trigger)
        dest = fire(self, move)  # raises TriggerRefused; the case is untouched
        payload = parse_data(move, data)
        source = self.state
        self._apply(move, payload)
        self.state = dest
        self.version += 1
        entry = HistoryEntry(
            self.version, move, source, dest, actor, at, payload.model_dump(mode="json"),
            correlation_id,
        )
        self.new_history.append(entry)
        base = {"case_id": self.id, "occurred_at": at, "actor": actor, "correlation_id": correlation_id}
        self.events.append(_event_for(self, move, source, payload, base))
        return entry

    def allowed_triggers(self) -> list[Trigger]:
        return allowed_triggers(self.state)

    def _apply(self, move: Trigger, payload: TransitionData) -> None:
        if isinstance(payload, AssessRiskData):
            self.risk_level = payload.level
        elif isinstance(payload, StartCaseDirectionData):
            self.case_director = payload.case_director
        elif isinstance(payload, CloseData):
            self.closing_result = payload.result
        elif move is Trigger.REOPEN:
            self.closing_result = None


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


__all__ = ["REGISTER", "Case", "HistoryEntry", "TriggerRefused"]
