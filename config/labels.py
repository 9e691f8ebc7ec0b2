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

NOTIFICATION_LABELS: dict[str, str] = {
    "new_report": "Nieuwe melding om te beoordelen",
    "acute_risk": "Acuut risico: vandaag handelen",
    "no_case_director": "Casus zonder casusregisseur",
    "case_assigned": "U bent casusregisseur van een casus",
    "case_escalated": "Casus opgeschaald naar casusregie",
    "case_reopened": "Casus heropend",
    "case_stalled": "Termijn verstreken",
    "follow_up_due": "Vervolgcontact met het lokale team",
    "stalled_case_escalated": "Termijn verstreken, ook na de coulance",
    "reporter_feedback_due": "Terugkoppeling aan de melder te laat",
    "escalation_suggested": "Nieuwe signalen: overweeg opschalen",
    "revictimisation_risk": "Eerder gemelde persoon: risico op herhaald slachtofferschap",
    "case_handed_over": "Casus overgedragen aan een andere casusregisseur",
}
