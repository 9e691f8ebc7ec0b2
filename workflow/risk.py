"""The risk instrument (risicotaxatie): versioned indicators with weights and rules that set a
minimum level. Assessing suggests a level and says why; the assessor decides."""

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from states import RiskLevel


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Indicator(_Frozen):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label_nl: str
    label_en: str
    group: str
    weight: int = Field(ge=0, le=100)


class Rule(_Frozen):
    id: str
    description: str
    all: list[str] = Field(default_factory=list)
    any: list[str] = Field(default_factory=list)
    others_at_least: int = Field(default=0, ge=0)
    min_level: RiskLevel

    def applies(self, present: frozenset[str]) -> bool:
        others = present - set(self.all)
        return (
            all(code in present for code in self.all)
            and (not self.any or any(code in present for code in self.any))
            and len(others) >= self.others_at_least
        )


class MinorRaise(_Frozen):
    levels: int = Field(ge=0, le=3)
    needs_a_signal: bool = True


class Thresholds(_Frozen):
    elevated: int
    high: int
    acute: int


@dataclass(frozen=True)
class Suggestion:
    level: RiskLevel
    score: int
    score_level: RiskLevel
    minor_raised: bool
    rules: tuple[str, ...]
    floor: RiskLevel | None
    version: str

    def as_record(self) -> dict[str, object]:
        return {
            "suggested_level": self.level.value,
            "score": self.score,
            "score_level": self.score_level.value,
            "minor_raised": self.minor_raised,
            "rules": list(self.rules),
            "floor": self.floor.value if self.floor else None,
            "instrument_version": self.version,
        }


class RiskInstrument(_Frozen):
    version: str
    source: str = ""
    thresholds: Thresholds
    minor_raise: MinorRaise
    indicators: list[Indicator]
    rules: list[Rule]

    def codes(self) -> frozenset[str]:
        return frozenset(i.code for i in self.indicators)

    def unknown(self, codes: list[str]) -> list[str]:
        known = self.codes()
        return [c for c in codes if c not in known]

    def suggest(self, codes: list[str], minor: bool, floor: RiskLevel | None = None) -> Suggestion:
        """The level the indicators point to, with every reason recorded."""
        present = frozenset(codes)
        weights = {i.code: i.weight for i in self.indicators}
        score = sum(weights.get(code, 0) for code in present)
        level = self._by_score(score)
        score_level = level
        raised = minor and (bool(present) or not self.minor_raise.needs_a_signal)
        if raised:
            level = _raise(level, self.minor_raise.levels)
        fired = tuple(rule.id for rule in self.rules if rule.applies(present))
        for rule in self.rules:
            if rule.id in fired:
                level = max(level, rule.min_level, key=lambda lv: lv.rank)
        if floor is not None:
            level = max(level, floor, key=lambda lv: lv.rank)
        return Suggestion(level, score, score_level, raised, fired, floor, self.version)

    def _by_score(self, score: int) -> RiskLevel:
        t = self.thresholds
        if score >= t.acute:
            return RiskLevel.ACUTE
        if score >= t.high:
            return RiskLevel.HIGH
        if score >= t.elevated:
            return RiskLevel.ELEVATED
        return RiskLevel.LOW


def _raise(level: RiskLevel, steps: int) -> RiskLevel:
    order = list(RiskLevel)
    return order[min(order.index(level) + steps, len(order) - 1)]
