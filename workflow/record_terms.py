"""The terms of the records that are about no case (docs/retention.md#non-case-records): advice
questions and prevention activities. Pure policy, no I/O.

An advice question's free text (the advice and the asking organisation) is destroyed a number of
years after the day it was asked, or as soon as the case it led to is anonymised; its countable
fields stay. Whole records go later, a whole calendar year at a time, so that the figures over
any period are either exactly what they always were or no longer given."""

from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

# The counts are the base of the cost share the municipalities pay and of the yearly
# accountability: bookkeeping records are kept 7 years (AWR art. 52, BW 2:10).
COUNTS_MINIMUM_YEARS = 7


class AdviceTerms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text_years_after_asked: int = Field(default=5, ge=1, le=120)
    years_after_year_asked: int = Field(default=10, ge=1, le=120)
    reason: str = ""
    reason_nl: str = ""


class ActivityTerms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    years_after_year_held: int = Field(default=10, ge=1, le=120)
    reason: str = ""
    reason_nl: str = ""


class RecordTerms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    advice_questions: AdviceTerms = Field(default_factory=AdviceTerms)
    prevention_activities: ActivityTerms = Field(default_factory=ActivityTerms)

    def problems(self) -> list[str]:
        """What makes these terms unfit, in English (empty: fit)."""
        advice, activities = self.advice_questions, self.prevention_activities
        found = []
        if advice.text_years_after_asked > advice.years_after_year_asked:
            found.append("advice_questions: the text cannot outlive the record")
        for name, years in (
            ("advice_questions", advice.years_after_year_asked),
            ("prevention_activities", activities.years_after_year_held),
        ):
            if years < COUNTS_MINIMUM_YEARS:
                found.append(f"{name}: the counts must be kept {COUNTS_MINIMUM_YEARS} years")
        for name, terms in (("advice_questions", advice), ("prevention_activities", activities)):
            if not terms.reason.strip() or not terms.reason_nl.strip():
                found.append(f"{name}: a term needs its reason and reason_nl")
        return found


@dataclass(frozen=True)
class Cutoffs:
    """Advice asked on or before `advice_text_until` loses its text; advice asked before
    `advice_before` and activities on a day before `activities_before` are removed."""

    advice_text_until: date
    advice_before: date
    activities_before: date


def cutoffs(terms: RecordTerms, today: date) -> Cutoffs:
    """The cut-off days on `today` (Europe/Amsterdam). A record of year Y counted `n` full
    years after its year goes on 1 January of year Y + n + 1."""
    advice, activities = terms.advice_questions, terms.prevention_activities
    return Cutoffs(
        _years_before(today, advice.text_years_after_asked),
        date(today.year - advice.years_after_year_asked, 1, 1),
        date(today.year - activities.years_after_year_held, 1, 1),
    )


def _years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
