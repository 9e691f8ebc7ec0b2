"""The data each trigger needs: one pydantic model per trigger, validated at the entry point and
carried by the command, so the case works with typed values only."""

from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from states import RiskLevel, Trigger
from workflow.errors import InvalidInput, reason, validated
from workflow.plain_text import PRINTABLE
from workflow.report import MAX_SIGNALS

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=PRINTABLE)
]


class ClosingResult(StrEnum):
    """Why a case ended (resultaattype). Documented in docs/states.md."""

    ADVICE_GIVEN = "advice_given"
    HANDED_OVER_LOCALLY = "handed_over_locally"
    REFERRED_TO_CARE = "referred_to_care"
    REFERRED_TO_POLICE = "referred_to_police"
    NO_EXPLOITATION_FOUND = "no_exploitation_found"
    NO_CONTACT = "no_contact"
    MOVED_OUT_OF_REGION = "moved_out_of_region"
    DUPLICATE_REPORT = "duplicate_report"
    OTHER = "other"


class AdvisedParty(StrEnum):
    REPORTER = "reporter"
    PROFESSIONAL = "professional"
    PARENT_OR_RELATIVE = "parent_or_relative"
    SUBJECT = "subject"
    PARTNER = "partner"


class TransitionData(BaseModel):
    """The data of one trigger; `trigger` names which."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    trigger: ClassVar[Trigger]


SignalCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]


class AssessRiskData(TransitionData):
    """The assessor's level, the indicators they found (starting from the signals the report
    gave), why, and for each reported signal they leave out, the reason (`dropped`)."""

    trigger = Trigger.ASSESS_RISK
    level: RiskLevel
    indicators: list[SignalCode] = Field(max_length=MAX_SIGNALS)
    rationale: Text
    dropped: dict[SignalCode, Text] = Field(default_factory=dict, max_length=MAX_SIGNALS)


class ReassessRiskData(AssessRiskData):
    """A new assessment in a later state, on new signals: the same rules as the first."""

    trigger = Trigger.REASSESS_RISK


class AdviseData(TransitionData):
    trigger = Trigger.ADVISE
    advice: Text
    advised_party: AdvisedParty


class StartCaseDirectionData(TransitionData):
    trigger = Trigger.START_CASE_DIRECTION
    case_director: Name
    plan: Text


class ScaleDownData(TransitionData):
    trigger = Trigger.SCALE_DOWN
    local_team: Name
    handover: Text


class EscalateData(TransitionData):
    trigger = Trigger.ESCALATE
    reason: Text


class CloseData(TransitionData):
    trigger = Trigger.CLOSE
    result: ClosingResult
    reason: Text


class ReopenData(TransitionData):
    trigger = Trigger.REOPEN
    reason: Text


def _models(base: type[TransitionData]) -> list[type[TransitionData]]:
    return [m for sub in base.__subclasses__() for m in (sub, *_models(sub))]


# Every trigger has its model: a trigger added to the lifecycle without one fails at import.
DATA_MODELS: dict[Trigger, type[TransitionData]] = {
    model.trigger: model for model in _models(TransitionData)
}
assert set(DATA_MODELS) == set(Trigger), "every trigger needs its data model"


def transition_data(trigger: str, data: Any) -> TransitionData:
    """The data for `trigger`, typed; InvalidInput names an unknown trigger or every problem of
    the data with its field."""
    if trigger not in DATA_MODELS:
        known = ", ".join(DATA_MODELS)
        why = reason(
            "trigger.unknown_name",
            "unknown trigger '{trigger}'; triggers: {known}",
            trigger=trigger,
            known=known,
        )
        raise InvalidInput([("trigger", why)])
    return validated(DATA_MODELS[Trigger(trigger)], data, f"data for '{trigger}'")
