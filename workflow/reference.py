"""Reference data the domain checks reports against: municipalities, codes and the risk
instrument. Loaded from `config/data/` by bootstrap and handed to the handlers."""

from pydantic import BaseModel, ConfigDict, Field

from workflow.report import Report
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

    def problems_with(self, report: Report) -> list[tuple[str, str]]:
        """What the report says that the reference data does not know, each with its field."""
        problems: list[tuple[str, str]] = []
        names = self.municipality_names()
        municipality = report.subject.municipality
        if report.subject.outside_twente:
            if municipality in names:
                problems.append(
                    (
                        "subject.municipality",
                        f"'{municipality}' is in {self.region}; "
                        "subject.outside_twente must be false",
                    )
                )
        elif municipality not in names:
            problems.append(
                (
                    "subject.municipality",
                    f"'{municipality}' is not one of the {len(names)} municipalities "
                    f"of {self.region} ({', '.join(names)}); set "
                    "subject.outside_twente to true for one outside the region",
                )
            )
        for index, code in enumerate(report.signals):
            if code not in self.instrument.codes():
                problems.append(
                    (
                        f"signals.{index}",
                        f"unknown signal '{code}'; see the risk instrument "
                        f"{self.instrument.version} (meldpunt risk indicators)",
                    )
                )
        return problems
