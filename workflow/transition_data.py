"""The data each trigger needs, validated before the case changes."""

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from states import RiskLevel, Trigger
from workflow.errors import InvalidInput
from workflow.report import PRINTABLE

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
    model_config = ConfigDict(extra="forbid", frozen=True)


class AssessRiskData(TransitionData):
    level: RiskLevel
    indicators: list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]]
    rationale: Text


class AdviseData(TransitionData):
    advice: Text
    advised_party: AdvisedParty


class StartCaseDirectionData(TransitionData):
    case_director: Name
    plan: Text


class ScaleDownData(TransitionData):
    local_team: Name
    handover: Text


class EscalateData(TransitionData):
    reason: Text


class CloseData(TransitionData):
    result: ClosingResult
    reason: Text


class ReopenData(TransitionData):
    reason: Text


DATA_MODELS: dict[Trigger, type[TransitionData]] = {
    Trigger.ASSESS_RISK: AssessRiskData,
    Trigger.ADVISE: AdviseData,
    Trigger.START_CASE_DIRECTION: StartCaseDirectionData,
    Trigger.SCALE_DOWN: ScaleDownData,
    Trigger.ESCALATE: EscalateData,
    Trigger.CLOSE: CloseData,
    Trigger.REOPEN: ReopenData,
}


def parse_data(trigger: Trigger, data: Any) -> TransitionData:
    """Validate `data` for `trigger`; every problem is listed with its field."""
    if not isinstance(data, dict):
        raise InvalidInput([("data", "must be a JSON object")], f"data for '{trigger}'")
    try:
        return DATA_MODELS[trigger].model_validate(data)
    except ValidationError as error:
        raise InvalidInput.from_validation(error, f"data for '{trigger}'") from None
