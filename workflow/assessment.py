"""The checks of a risk assessment (risicotaxatie), and what the history records of it.

The assessor starts from the signals the report gave: one left out needs a reason (`dropped`),
and the explanation shows it. Indicators must be known to the instrument, and the level may not
be below the floor of a person reported before. The instrument's suggestion is recorded beside
the choice. A level below a high or acute suggestion of everything that was reported or found
(the indicators and the signals dropped) needs a second person: a team lead confirms it."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from states import RiskLevel
from states.lifecycle import HIGH_RISK
from workflow.errors import InvalidInput, reason
from workflow.risk import RiskInstrument
from workflow.transition_data import AssessRiskData

ASSESSMENT_PROPOSED = "assessment_proposed"  # the history entry of an assessment awaiting a lead
KEEP_OR_SAY_WHY = reason(
    "assessment.dropped_without_reason",
    "the report gave this signal: keep it, or say why it is left out",
)
NOT_DROPPED = reason(
    "assessment.not_dropped", "not a signal of the report left out of the indicators"
)


@dataclass(frozen=True)
class AssessmentCheck:
    record: dict[str, Any]  # what the history entry adds to the assessor's own data
    needs_confirmation: bool
    evidence_level: RiskLevel  # what everything reported or found points to


def assess(
    data: AssessRiskData,
    instrument: RiskInstrument | None,
    reported_signals: Sequence[str],
    minor: bool,
    floor: RiskLevel | None,
) -> AssessmentCheck:
    """Check the assessment; InvalidInput names every problem with its field."""
    problems = _problems(data, instrument, reported_signals, floor)
    context = f"data for '{data.trigger}'"
    if problems:
        raise InvalidInput(problems, context)
    if instrument is None:
        return AssessmentCheck({}, False, data.level)
    suggestion = instrument.suggest(data.indicators, minor, floor)
    evidence = instrument.suggest([*data.indicators, *data.dropped], minor, floor)
    lowered = evidence.level in HIGH_RISK and data.level.rank < evidence.level.rank
    record = {**suggestion.as_record(), "deviates": data.level != suggestion.level}
    if data.dropped:
        record["suggested_level_with_dropped"] = evidence.level.value
    return AssessmentCheck(record, lowered, evidence.level)


def _problems(
    data: AssessRiskData,
    instrument: RiskInstrument | None,
    reported: Sequence[str],
    floor: RiskLevel | None,
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if instrument is not None:
        problems += [
            (
                f"indicators.{i}",
                reason(
                    "assessment.unknown_indicator",
                    "unknown indicator '{code}' in instrument {version}",
                    code=code,
                    version=instrument.version,
                ),
            )
            for i, code in enumerate(data.indicators)
            if code in instrument.unknown([code])
        ]
    kept = set(data.indicators)
    problems += [
        (f"dropped.{code}", KEEP_OR_SAY_WHY)
        for code in reported
        if code not in kept and code not in data.dropped
    ]
    problems += [
        (f"dropped.{code}", NOT_DROPPED)
        for code in data.dropped
        if code in kept or code not in reported
    ]
    if floor is not None and data.level.rank < floor.rank:
        floor_said = reason(
            "assessment.below_floor",
            "at least '{floor}': the subject was reported before (re-victimisation floor)",
            floor=floor.value,
        )
        problems.append(("level", floor_said))
    return problems
