"""`meldpunt risk ...`: the instrument's indicators, and why a case got its level."""

from functools import partial
from typing import Annotated, Any

import typer

from adapters.cli import asking, context
from adapters.cli.asking import ActorOption, BreakGlassOption, PurposeOption
from adapters.cli.errors import reported
from adapters.cli.output import emit
from workflow.access import Action
from workflow.risk import RiskInstrument

risk_app = typer.Typer(help="The risk instrument (risicotaxatie).", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


@risk_app.command("indicators")
def indicators(as_json: JsonFlag = False) -> None:
    """The indicators of the current instrument, with their weights."""
    instrument = context.app().reference.instrument
    rows = [i.model_dump() for i in instrument.indicators]
    emit(rows, as_json, ["code", "weight", "group", "label_nl"], f"instrument {instrument.version}")


@risk_app.command("explain")
def explain(
    case_id: str,
    actor: ActorOption = None,
    purpose: PurposeOption = None,
    break_glass: BreakGlassOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Which signals and rules gave the case its suggested level, what was chosen, and which
    reported signals were dropped and why. Before the assessment: the suggestion of the report's
    signals at intake."""
    with reported(as_json):
        gate = asking.gate(actor, purpose, break_glass=break_glass)
        app = gate.app
        read = partial(app.queries.risk, case_id)
        found = gate.read_case(Action.READ_CASE, case_id, ("assessment",), read)
        explanation = explained(app.reference.instrument, case_id, found)
        if as_json:
            emit(explanation, True)
            return
        t = app.texts
        summary = {
            k: v
            for k, v in explanation.items()
            if k not in ("indicators", "rules", "dropped") and v is not None
        }
        emit(summary, False, title=t("risk.title", case_id=case_id))
        emit(explanation["indicators"], False, ["code", "weight", "label"], t("risk.indicators"))
        emit(explanation["rules"], False, ["id", "description"], t("risk.rules"))
        if explanation["dropped"]:
            emit(explanation["dropped"], False, ["code", "label", "reason"], t("risk.dropped"))


def explained(instrument: RiskInstrument, case_id: str, found: dict[str, Any]) -> dict[str, Any]:
    """The assessment (or, before it, the intake's suggestion) with each code explained."""
    assessment, suggestion = found["assessment"], found["suggestion"] or {}
    known = {i.code: i for i in instrument.indicators}
    rules = {r.id: r for r in instrument.rules}
    basis = assessment or suggestion
    codes = assessment["indicators"] if assessment else found["reported_signals"]
    return {
        "case_id": case_id,
        "assessed": assessment is not None,
        "level": assessment["level"] if assessment else None,
        "suggested_level": basis.get("suggested_level"),
        "suggested_at_intake": suggestion.get("suggested_level"),
        "deviates": basis.get("deviates"),
        "instrument_version": basis.get("instrument_version"),
        "indicators": [
            {
                "code": code,
                "weight": known[code].weight if code in known else None,
                "label": known[code].label_nl if code in known else None,
            }
            for code in codes
        ],
        "score": basis.get("score"),
        "score_level": basis.get("score_level"),
        "minor_raised": basis.get("minor_raised"),
        "rules": [
            {"id": rid, "description": rules[rid].description if rid in rules else None}
            for rid in basis.get("rules", [])
        ],
        "floor": basis.get("floor"),
        "dropped": [
            {"code": code, "label": known[code].label_nl if code in known else None, "reason": why}
            for code, why in (assessment or {}).get("dropped", {}).items()
        ],
        "rationale": assessment["rationale"] if assessment else None,
        "confirmed_by": (assessment or {}).get("confirmed_by"),
    }
