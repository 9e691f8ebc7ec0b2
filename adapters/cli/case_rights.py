"""`meldpunt case correct` (AVG art. 16), `meldpunt case restrict` and `lift-restriction`
(art. 18): the data subject's rights on a case, through the same gate as the API
(adapters/subject_rights.py), each change in the access log."""

from typing import Annotated, Any

import typer

from adapters import subject_rights
from adapters.cli import asking
from adapters.cli.asking import ActorOption
from adapters.cli.cases import ExpectedVersion, JsonFlag
from adapters.cli.errors import reported
from adapters.cli.output import emit
from workflow.correction import typed_value
from workflow.rights_commands import CorrectReport, LiftRestriction, RestrictCase

ReasonOption = Annotated[str, typer.Option("--reason", help="Why (10 characters at least).")]


def correct(
    case_id: str,
    field: Annotated[str, typer.Option("--field", help="subject.name, reporter.phone, ...")],
    value: Annotated[str, typer.Option("--value", help="The right value; empty clears it.")],
    why: ReasonOption,
    actor: ActorOption = None,
    expected_version: ExpectedVersion = None,
    as_json: JsonFlag = False,
) -> None:
    """Correct a field of the case's report (AVG art. 16): the old value stays in the history,
    encrypted, with who, when and why."""
    with reported(as_json):
        gate = asking.gate(actor, "subject_rights")
        command = CorrectReport(
            actor=gate.principal.name,
            case_id=case_id,
            field=field,
            value=typed_value(field, value),
            reason=why,
            expected_version=expected_version,
        )
        _emit_ref(subject_rights.correct(gate, command), as_json)


def restrict(
    case_id: str,
    why: ReasonOption,
    actor: ActorOption = None,
    expected_version: ExpectedVersion = None,
    as_json: JsonFlag = False,
) -> None:
    """Restrict the case (AVG art. 18): from now on only the team lead reads it."""
    with reported(as_json):
        gate = asking.gate(actor, "subject_rights")
        name = gate.principal.name
        command = RestrictCase(
            actor=name, case_id=case_id, reason=why, expected_version=expected_version
        )
        _emit_ref(subject_rights.restrict(gate, command), as_json)


def lift_restriction(
    case_id: str,
    why: ReasonOption,
    actor: ActorOption = None,
    expected_version: ExpectedVersion = None,
    as_json: JsonFlag = False,
) -> None:
    """Lift the case's restriction: it is back for those whose work it is."""
    with reported(as_json):
        gate = asking.gate(actor, "subject_rights")
        name = gate.principal.name
        command = LiftRestriction(
            actor=name, case_id=case_id, reason=why, expected_version=expected_version
        )
        _emit_ref(subject_rights.restrict(gate, command), as_json)


def _emit_ref(ref: Any, as_json: bool) -> None:
    emit({"case_id": ref.case_id, "state": ref.state.value, "version": ref.version}, as_json)
