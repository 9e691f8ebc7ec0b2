"""Reference data shipped as data files in `config/data/`."""

import json
from pathlib import Path

from workflow.partners import PartnerDirectory
from workflow.prevalence import PrevalenceEstimates
from workflow.reference import ReferenceData
from workflow.risk import RiskInstrument
from workflow.time_norms import TimeNorms

DATA = Path(__file__).with_name("data")


def load_time_norms(path: Path | None = None) -> TimeNorms:
    return TimeNorms.model_validate(json.loads((path or DATA / "time_norms.json").read_text()))


def load_reference() -> ReferenceData:
    municipalities = json.loads((DATA / "municipalities.json").read_text())
    return ReferenceData(
        region=municipalities["region"],
        municipalities=municipalities["municipalities"],
        codes=json.loads((DATA / "codes.json").read_text()),
        instrument=RiskInstrument.model_validate_json((DATA / "risk_instrument.json").read_text()),
    )


def load_partners() -> PartnerDirectory:
    return PartnerDirectory.model_validate_json((DATA / "partners.json").read_text())


def load_prevalence() -> PrevalenceEstimates:
    """The national estimates per form of exploitation, for `meldpunt figures prevalence`."""
    return PrevalenceEstimates.model_validate_json((DATA / "prevalence.json").read_text())
