"""Reference data the domain checks reports against: municipalities, codes and the risk
instrument. Loaded from `config/data/` by bootstrap and handed to the handlers."""

import re
import unicodedata
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workflow import intake_messages as say
from workflow.population import PopulationFigure
from workflow.risk import RiskInstrument

NOT_A_LETTER = re.compile(r"[\W_]+")  # spaces, hyphens, slashes, dots, brackets


def spelling_key(name: str) -> str:
    """`name` as it is compared: its letters and digits only, without case or accents
    ("RIJSSEN/holten", "Rijssen Holten" and "Rijssen-Holten" are one key)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return NOT_A_LETTER.sub("", bare)


class Municipality(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str  # the canonical name: what a case stores, and what figures are counted by
    inhabitants: int = Field(gt=0)
    # The figures by reference date the cost share chooses from (workflow/population.py).
    population: list[PopulationFigure] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)  # other spellings reporters use

    def spelling_keys(self) -> set[str]:
        return {spelling_key(n) for n in (self.name, *self.aliases)}


class ReferenceData(BaseModel):
    model_config = ConfigDict(frozen=True)

    region: str
    municipalities: list[Municipality]
    codes: dict[str, dict[str, str]]
    instrument: RiskInstrument

    @model_validator(mode="after")
    def _one_municipality_per_spelling(self) -> "ReferenceData":
        seen: dict[str, str] = {}
        for municipality in self.municipalities:
            for key in municipality.spelling_keys():
                if seen.setdefault(key, municipality.name) != municipality.name:
                    raise ValueError(f"'{key}' names both {seen[key]} and {municipality.name}")
        return self

    def municipality_names(self) -> list[str]:
        return [m.name for m in self.municipalities]

    def municipality(self, name: str) -> Municipality | None:
        """The municipality of the region `name` spells, or None for one outside it."""
        key = spelling_key(name)
        return next((m for m in self.municipalities if key in m.spelling_keys()), None)

    def municipality_problem(self, name: str, outside_region: bool | None) -> str | None:
        """What is wrong with `name` as the subject's municipality; None when nothing is, or
        when `outside_region` is unknown (its own problem is reported)."""
        if outside_region is None:
            return None
        known = self.municipality(name) is not None
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
