"""Reference data the domain checks reports against: municipalities, codes and the risk
instrument. Loaded from `config/data/` by bootstrap and handed to the handlers."""

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

from workflow import intake_messages as say
from workflow.risk import RiskInstrument


class Municipality(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    inhabitants: int = Field(gt=0)


class ReferenceData(BaseModel):
    model_config = ConfigDict(frozen=True)

    region: str
    municipalities: list[Municipality]
    codes: dict[str, dict[str, str]]
    instrument: RiskInstrument

    def municipality_names(self) -> list[str]:
        return [m.name for m in self.municipalities]

    def municipality_problem(self, name: str, outside_region: bool | None) -> str | None:
        """What is wrong with `name` as the subject's municipality; None when nothing is, or
        when `outside_region` is unknown (its own problem is reported)."""
        if outside_region is None:
            return None
        known = name in self.municipality_names()
        if outside_region:
            return say.in_region(name, self.region) if known else None
        if known:
            return None
        return say.unknown_municipality(name, self.region, self.municipality_names())

    def signal_problems(self, signals: Mapping[int, str]) -> list[tuple[str, str]]:
        """The signals the risk instrument does not know, each named by its place in the list."""
        known = self.instrument.codes()
        return [
            (f"signals.{index}", say.unknown_signal(code, self.instrument.version))
            for index, code in signals.items()
            if code not in known
        ]
