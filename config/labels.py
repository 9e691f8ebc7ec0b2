"""Dutch labels for display, kept in one place. Identifiers stay English everywhere else."""

from states import RiskLevel, State, Trigger

STATE_LABELS: dict[State, str] = {
    State.RECEIVED: "melding ontvangen",
    State.RISK_ASSESSED: "risicotaxatie gedaan",
    State.ADVISED: "advies gegeven",
    State.IN_CASE_DIRECTION: "casusregie",
    State.SCALED_DOWN_LOCALLY: "afgeschaald naar lokale structuur",
    State.CLOSED: "afgesloten",
}

TRIGGER_LABELS: dict[Trigger, str] = {
    Trigger.ASSESS_RISK: "risicotaxatie vastleggen",
    Trigger.ADVISE: "advies geven",
    Trigger.START_CASE_DIRECTION: "casusregie starten",
    Trigger.SCALE_DOWN: "afschalen naar lokale structuur",
    Trigger.ESCALATE: "opschalen naar casusregie",
    Trigger.CLOSE: "afsluiten",
    Trigger.REOPEN: "heropenen",
}

RISK_LABELS: dict[RiskLevel, str] = {
    RiskLevel.LOW: "laag",
    RiskLevel.ELEVATED: "verhoogd",
    RiskLevel.HIGH: "hoog",
    RiskLevel.ACUTE: "acuut",
}
