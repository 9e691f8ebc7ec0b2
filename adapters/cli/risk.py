"""`meldpunt risk ...`: the instrument's indicators, and why a case got its level."""

from functools import partial
from typing import Annotated, Any

import typer

from adapters.cli import asking, context
from adapters.cli.asking import ActorOption, BreakGlassOption, PurposeOption
from adapters.cli.errors import ExitCode, fail, reported
from adapters.cli.output import emit
from workflow.access import Action

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
    """Which indicators and rules gave the case its suggested level, and what was chosen."""
    with reported(as_json):
        gate = asking.gate(actor, purpose, break_glass=break_glass)
        app = gate.app
        read = partial(app.queries.last_assessment, case_id)
        assessment = gate.read_case(Action.READ_CASE, case_id, ("assessment",), read)
        if assessment is None:
            fail(f"case '{case_id}' has no risk assessment yet", ExitCode.NOT_FOUND)
        instrument = app.reference.instrument
        known = {i.code: i for i in instrument.indicators}
        rules = {r.id: r for r in instrument.rules}
        explanation: dict[str, Any] = {
            "case_id": case_id,
            "level": assessment["level"],
            "suggested_level": assessment.get("suggested_level"),
            "deviates": assessment.get("deviates"),
            "instrument_version": assessment.get("instrument_version"),
            "indicators": [
                {
                    "code": code,
                    "weight": known[code].weight if code in known else None,
                    "label_nl": known[code].label_nl if code in known else None,
                }
                for code in assessment["indicators"]
            ],
            "score": assessment.get("score"),
            "score_level": assessment.get("score_level"),
            "minor_raised": assessment.get("minor_raised"),
            "rules": [
                {"id": rid, "description": rules[rid].description if rid in rules else None}
                for rid in assessment.get("rules", [])
            ],
            "floor": assessment.get("floor"),
            "rationale": assessment["rationale"],
        }
        if as_json:
            emit(explanation, True)
            return
        summary = {k: v for k, v in explanation.items() if k not in ("indicators", "rules")}
        emit(summary, False, title=f"risk of case {case_id}")
        emit(explanation["indicators"], False, ["code", "weight", "label_nl"], "indicators")
        emit(explanation["rules"], False, ["id", "description"], "rules that fired")
