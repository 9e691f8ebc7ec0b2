"""Intake on a case: the person recognised from earlier reports, possible duplicates, and the
checks an assessment must pass (known indicators, the re-victimisation floor)."""

from datetime import datetime
from typing import Any

from states import RiskLevel
from workflow import events as ev
from workflow.errors import InvalidInput
from workflow.history import SYSTEM, CaseRecord
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
from workflow.risk import RiskInstrument
from workflow.transition_data import AssessRiskData

ADULT_AGE = 18


class CaseIntake(CaseRecord):
    """Mixed into Case; the attributes are the Case's own fields."""

    age_at_report: int | None
    risk_floor: RiskLevel | None
    new_links: list[CaseLink]
    link_decisions: list[LinkDecision]

    @property
    def is_minor(self) -> bool:
        return self.age_at_report is not None and self.age_at_report < ADULT_AGE

    def link_earlier(self, earlier: list[EarlierCase], at: datetime, watch_years: int) -> None:
        """The same person was reported before: link the cases, flag re-victimisation, and set a
        floor of high while an earlier case is open or ended less than `watch_years` ago."""
        if not earlier:
            return
        for other in earlier:
            self.new_links.append(CaseLink(self.id, other.case_id, SAME_SUBJECT, at))
        self._flag_same_person(earlier, at, watch_years, SYSTEM, "linked_to_earlier_cases")

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
