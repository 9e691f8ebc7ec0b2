"""Links between cases about the same person: found by subject key, or proposed as a possible
duplicate and confirmed or rejected by a person."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from states import RiskLevel, State

SAME_SUBJECT = "same_subject"  # matched by subject key
POSSIBLE_DUPLICATE = "possible_duplicate"  # same date of birth, similar name: a person decides
CONFIRMED, REJECTED, OPEN = "confirmed", "rejected", "open"


@dataclass(frozen=True)
class CaseLink:
    case_id: str
    linked_case_id: str
    kind: str
    created_at: datetime
    status: str = CONFIRMED
    score: float | None = None
    decided_by: str | None = None


@dataclass(frozen=True)
class LinkDecision:
    """A person's verdict on a proposed duplicate."""

    linked_case_id: str
    status: str
    decided_by: str
    decided_at: datetime


@dataclass(frozen=True)
class EarlierCase:
    """What intake needs to know of an earlier case about the same person."""

    case_id: str
    state: State
    reported_at: datetime
    closed_at: datetime | None
    risk_level: RiskLevel | None
    case_director: str | None

    def watched_at(self, moment: datetime, watch_years: int) -> bool:
        """Open, or closed less than `watch_years` before `moment`."""
        if self.state is not State.CLOSED or self.closed_at is None:
            return True
        return moment < self.closed_at + timedelta(days=round(365.25 * watch_years))
