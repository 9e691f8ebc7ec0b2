"""Time norms: how long each step may take. Loaded from `config/data/time_norms.json`."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class Days(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    working_days: int = Field(ge=0, le=400)


class AssessmentNorm(Days):
    acute_working_days: int = Field(default=0, ge=0, le=400)


class TimeNorms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    source: str = ""
    assessment: AssessmentNorm
    next_step_after_assessment: Days
    decision_after_advice: Days
    plan_of_approach: Days
    inactivity_in_case_direction: Days
    follow_up_months: list[int] = Field(min_length=1)
    # A follow-up recorded more than this many working days before its day needs a reason.
    follow_up_early_working_days: int = Field(default=5, ge=0, le=100)
    close_after_last_follow_up: Days
    reporter_feedback: Days
    escalation_grace: Days
    revictimisation_watch_years: int = Field(ge=1, le=100)
    handled_message_retention_days: int = Field(ge=1)
    extra_closed_days: list[date] = Field(default_factory=list)
