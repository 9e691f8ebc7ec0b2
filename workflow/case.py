"""The Case aggregate: one report's journey. It asks the state machine, applies the move and
records what happened as a history entry and a domain event."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar
from uuid import uuid4

from pydantic import BaseModel, ValidationError

from states import RiskLevel, State, Trigger, TriggerRefused, allowed_triggers, fire
from workflow import events as ev
from workflow.activity_data import ActivityData, ActivityKind, FollowUpData
from workflow.alerts import TEAM_LEAD_ALERTED, Alerts
from workflow.errors import InvalidInput
from workflow.links import OPEN, POSSIBLE_DUPLICATE, SAME_SUBJECT, CaseLink, EarlierCase
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

REGISTER = "register"
SCHEDULER = "scheduler"
SYSTEM = "system"
ADULT_AGE = 18

_M = TypeVar("_M", bound=BaseModel)


def _validated(model: type[_M], data: Any, what: str) -> _M:
    if not isinstance(data, dict):
        raise InvalidInput([("data", "must be a JSON object")], what)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput.from_validation(error, what) from None


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
        self.events.append(
            _event_for(self, move, source, payload, self._base(actor, at, correlation_id))
        )
        return entry

    def record_activity(
        self, data: Any, actor: str, at: datetime, correlation_id: str | None = None
    ) -> HistoryEntry:
        """A contact, meeting, plan of approach or feedback: it resets the inactivity clock."""
        if self.state is State.CLOSED:
            raise TriggerRefused(
                self.state,
                "record_activity",
                self.allowed_triggers(),
                "a closed case takes no activities; reopen it first",
            )
        activity = _validated(ActivityData, data, "activity")
        self.last_activity_at = at
        if activity.kind is ActivityKind.PLAN_OF_APPROACH:
            self.needs_plan = False
        if activity.kind is ActivityKind.REPORTER_FEEDBACK:
            self.alerts.feedback_given(at)
        event = ev.ActivityRecorded(**self._base(actor, at, correlation_id), kind=activity.kind)
        return self.record(
            "record_activity", activity.model_dump(mode="json"), actor, at, event, correlation_id
        )

    def record_follow_up(
        self, data: Any, actor: str, at: datetime, correlation_id: str | None = None
    ) -> HistoryEntry:
        """A check-in with the local team after scaling down."""
        if self.state is not State.SCALED_DOWN_LOCALLY:
            raise TriggerRefused(
                self.state,
                "record_follow_up",
                self.allowed_triggers(),
                "follow-ups belong to a case scaled down locally",
            )
        follow_up = _validated(FollowUpData, data, "follow-up")
        self.follow_ups_done += 1
        self.last_activity_at = at
        event = ev.FollowUpRecorded(
            **self._base(actor, at, correlation_id),
            seq=self.follow_ups_done,
            outcome=follow_up.outcome,
        )
        data_out = {"seq": self.follow_ups_done, **follow_up.model_dump(mode="json")}
        return self.record("record_follow_up", data_out, actor, at, event, correlation_id)

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

    def _base(self, actor: str, at: datetime, correlation_id: str | None) -> dict[str, Any]:
        return {
            "case_id": self.id,
            "occurred_at": at,
            "actor": actor,
            "correlation_id": correlation_id,
        }

    @property
    def is_minor(self) -> bool:
        return self.age_at_report is not None and self.age_at_report < ADULT_AGE

    def link_earlier(self, earlier: list[EarlierCase], at: datetime, watch_years: int) -> None:
        """The same person was reported before: link the cases, flag re-victimisation, and set a
        floor of high while an earlier case is open or ended less than `watch_years` ago."""
        if not earlier:
            return
        latest = max(earlier, key=lambda e: e.reported_at)
        for other in earlier:
            self.new_links.append(CaseLink(self.id, other.case_id, SAME_SUBJECT, at))
        if any(e.watched_at(at, watch_years) for e in earlier):
            self.risk_floor = RiskLevel.HIGH
        event = ev.RevictimisationRiskFlagged(
            **self._base(SYSTEM, at, None),
            earlier_case_id=latest.case_id,
            earlier_case_director=latest.case_director,
        )
        data = {
            "earlier_cases": [e.case_id for e in earlier],
            "risk_floor": self.risk_floor.value if self.risk_floor else None,
        }
        self.record("linked_to_earlier_cases", data, SYSTEM, at, event)

    def propose_duplicates(self, candidates: list[tuple[str, float]], at: datetime) -> None:
        """Cases with the same date of birth and a similar name: a person confirms or rejects."""
        for other, score in candidates:
            self.new_links.append(
                CaseLink(self.id, other, POSSIBLE_DUPLICATE, at, OPEN, round(score, 3))
            )
        if candidates:
            data = {"possible_duplicates": [c for c, _ in candidates]}
            self.record("possible_duplicates_found", data, SYSTEM, at)

    def _check_assessment(
        self, payload: AssessRiskData, instrument: RiskInstrument | None
    ) -> dict[str, Any]:
        problems = []
        if instrument is not None:
            problems += [
                (
                    f"indicators.{i}",
                    f"unknown indicator '{code}' in instrument {instrument.version}",
                )
                for i, code in enumerate(payload.indicators)
                if code in instrument.unknown([code])
            ]
        if self.risk_floor is not None and payload.level.rank < self.risk_floor.rank:
            problems.append(
                (
                    "level",
                    f"at least '{self.risk_floor}': the subject was reported "
                    "before (re-victimisation floor)",
                )
            )
        if problems:
            raise InvalidInput(problems, "data for 'assess_risk'")
        if instrument is None:
            return {}
        suggestion = instrument.suggest(payload.indicators, self.is_minor, self.risk_floor)
        return {**suggestion.as_record(), "deviates": payload.level != suggestion.level}

    def allowed_triggers(self) -> list[Trigger]:
        return allowed_triggers(self.state)

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
            self.events.append(event)
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


__all__ = ["REGISTER", "Case", "HistoryEntry", "TriggerRefused"]
