"""Retention: how long a closed case is kept and what then happens to it (ZGW archiving).

Pure policy, no I/O. At closing a case gets its archive terms from the first rule that fits its
closing result and risk level: the nomination (`vernietigen`: anonymise when due,
`blijvend_bewaren`: keep), the archive action date and the archive status. A rule counts its
years from the closing day, and may also count from the subject's 18th birthday: whichever
comes later. Reopening a case clears its terms; closing it again sets them anew."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from states import RiskLevel
from workflow.record_terms import RecordTerms

ADULT_AGE = 18


class Nomination(StrEnum):
    """ZGW `archiefnominatie`."""

    DESTROY = "vernietigen"
    KEEP = "blijvend_bewaren"


class ArchiveStatus(StrEnum):
    """ZGW `archiefstatus`: waiting for its date, then archived (here: anonymised)."""

    PENDING = "nog_te_archiveren"
    ARCHIVED = "gearchiveerd"


class RetentionRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)
    # Empty: any result / any risk level (an unassessed case has none).
    results: list[str] = Field(default_factory=list)
    risk_levels: list[RiskLevel] = Field(default_factory=list)
    nomination: Nomination = Nomination.DESTROY
    years_after_closing: int = Field(ge=0, le=120)
    years_after_18th_birthday: int | None = Field(default=None, ge=0, le=120)
    # Whether the subject may have the case erased before its archive action date.
    erasure_before_term: bool = True
    reason: str = Field(min_length=1)
    # The same reason in Dutch, as a refused erasure says it.
    reason_nl: str = Field(min_length=1)

    def fits(self, result: str | None, risk: RiskLevel | None) -> bool:
        return (not self.results or result in self.results) and (
            not self.risk_levels or risk in self.risk_levels
        )


class RetentionRules(BaseModel):
    """`config/data/retention_rules.json`: the case rules (first fit wins; the last must fit
    every case) and the terms of the records that are no case."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    source: str = ""
    revictimisation_watch_years: int = Field(ge=0, le=100)
    rules: list[RetentionRule] = Field(min_length=1)
    access_log_days: int = Field(ge=1)
    notifications_days: int = Field(ge=1)
    batch_size: int = Field(default=500, ge=1, le=100_000)
    # Advice questions and prevention activities (workflow/record_terms.py).
    records: RecordTerms = Field(default_factory=RecordTerms)

    def rule_for(self, result: str | None, risk: RiskLevel | None) -> RetentionRule:
        found = next((r for r in self.rules if r.fits(result, risk)), None)
        if found is None:
            raise ValueError(f"no retention rule fits result {result} and risk {risk}")
        return found

    def watch_fits(self) -> bool:
        """Every rule keeps a case at least as long as the re-victimisation watch looks back."""
        return all(r.years_after_closing >= self.revictimisation_watch_years for r in self.rules)


@dataclass(frozen=True)
class ArchiveTerms:
    nomination: Nomination
    action_date: date | None
    status: ArchiveStatus
    rule: str


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def terms_at_closing(
    rules: RetentionRules,
    result: str | None,
    risk: RiskLevel | None,
    closed_on: date,
    born: date | None,
) -> ArchiveTerms:
    rule = rules.rule_for(result, risk)
    due = add_years(closed_on, rule.years_after_closing)
    if rule.years_after_18th_birthday is not None and born is not None:
        adult = add_years(born, ADULT_AGE)
        due = max(due, add_years(adult, rule.years_after_18th_birthday))
    keep = rule.nomination is Nomination.KEEP
    return ArchiveTerms(rule.nomination, None if keep else due, ArchiveStatus.PENDING, rule.id)
