"""What figures count by: each dimension's categories in a fixed order, every one of which is
always shown (a category left out would say it is empty). A category is a code, never free
text: a municipality outside Twente is counted as `outside_twente`, not by its name."""

from enum import StrEnum

from states import RiskLevel
from workflow.report import Channel, ExploitationForm, ReporterKind, Sex

UNKNOWN = "unknown"
OUTSIDE_TWENTE = "outside_twente"
NOT_ASSESSED = "not_assessed"
MINOR_AGE = 18
# Age bands at the time of the report: (code, lowest age, highest age).
AGE_BANDS = [
    ("under_12", 0, 11),
    ("12_15", 12, 15),
    ("16_17", 16, 17),
    ("18_22", 18, 22),
    ("23_plus", 23, 200),
]


class Dimension(StrEnum):
    MUNICIPALITY = "municipality"
    EXPLOITATION_FORM = "exploitation_form"
    MINOR = "minor"
    SEX = "sex"
    AGE_BAND = "age_band"
    CHANNEL = "channel"
    REPORTER_KIND = "reporter_kind"
    RISK_LEVEL = "risk_level"


def categories(dimension: Dimension, municipalities: list[str]) -> list[str]:
    """Every category of `dimension`, in the order figures show them."""
    match dimension:
        case Dimension.MUNICIPALITY:
            return [*municipalities, OUTSIDE_TWENTE]
        case Dimension.EXPLOITATION_FORM:
            return [*(f.value for f in ExploitationForm), UNKNOWN]
        case Dimension.MINOR:
            return ["minor", "adult", UNKNOWN]
        case Dimension.SEX:
            return [s.value for s in Sex]
        case Dimension.AGE_BAND:
            return [*(code for code, _, _ in AGE_BANDS), UNKNOWN]
        case Dimension.CHANNEL:
            return [c.value for c in Channel]
        case Dimension.REPORTER_KIND:
            return [*(k.value for k in ReporterKind), UNKNOWN]
        case Dimension.RISK_LEVEL:
            return [*(r.value for r in RiskLevel), NOT_ASSESSED]


# The texts (config/texts) that name each dimension's categories: `{kind}.{code}`.
LABEL_KINDS = {
    Dimension.MUNICIPALITY: "figures.municipality",
    Dimension.EXPLOITATION_FORM: "exploitation_form",
    Dimension.MINOR: "figures.minor",
    Dimension.SEX: "sex",
    Dimension.AGE_BAND: "figures.age_band",
    Dimension.CHANNEL: "channel",
    Dimension.REPORTER_KIND: "reporter_kind",
    Dimension.RISK_LEVEL: "risk",
}
