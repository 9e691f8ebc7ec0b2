"""`meldpunt subject report` (AVG art. 15): everything held about a person, on the command line,
through the same gate as the API (adapters/subject_rights.py), in the access log. Correcting and
restricting a case: adapters/cli/case_rights.py."""

from datetime import date, datetime
from typing import Annotated, Any

import typer

from adapters import subject_rights
from adapters.cli import asking, context
from adapters.cli.asking import ActorOption, PurposeOption
from adapters.cli.case_output import show_file
from adapters.cli.cases import JsonFlag
from adapters.cli.errors import reported
from adapters.cli.output import emit, emit_table
from config.texts import Texts
from workflow.errors import InvalidInput, reason
from workflow.person import person_named

subject_app = typer.Typer(help="A data subject's requests (AVG art. 15).", no_args_is_help=True)
ACCESSES = ["at", "actor", "role", "action", "resource", "case_id", "purpose", "outcome"]
DISCLOSED = ["created_at", "case_id", "partner", "event_type", "legal_basis", "delivered_at"]


def _day(text: str | None) -> date | None:
    if text is None or not text.strip():
        return None
    for form in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    why = reason("person.bad_date", "not a date: give it as YYYY-MM-DD or DD-MM-YYYY")
    raise InvalidInput([("date_of_birth", why)], "person")


@subject_app.command("report")
def report(
    bsn: Annotated[str | None, typer.Option("--bsn", help="The person's BSN.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="With --date-of-birth.")] = None,
    date_of_birth: Annotated[
        str | None, typer.Option("--date-of-birth", help="YYYY-MM-DD or DD-MM-YYYY.")
    ] = None,
    case: Annotated[str | None, typer.Option("--case", help="One of the person's cases.")] = None,
    actor: ActorOption = None,
    purpose: PurposeOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Everything held about a person across cases, what was disclosed to whom on which legal
    basis, and who read their cases: the answer to a request for inspection (inzage). Name the
    person in exactly one way."""
    with reported(as_json):
        person = person_named(bsn, name, _day(date_of_birth), case)
        gate = asking.gate(actor, purpose or "subject_access_request")
        found = subject_rights.subject_report(gate, person)
        if as_json:
            emit(found, True)
        else:
            _show(found)


def _show(found: dict[str, Any]) -> None:
    t = context.app().texts
    typer.echo(t("subject.title", count=len(found["cases"])))
    for case_file in found["cases"]:
        show_file(case_file)
    if found["disclosures"]:
        emit_table(found["disclosures"], DISCLOSED, t("subject.disclosures"))
    accesses = [_access(t, row) for row in found["accesses"]]
    emit_table(accesses, ACCESSES, t("subject.accesses"))


def _access(t: Texts, row: dict[str, Any]) -> dict[str, Any]:
    """An access-log row as a person reads it: the moment in Amsterdam time, codes as words."""

    def said(kind: str, code: str) -> str:
        return t.label(kind, code) if f"{kind}.{code}" in t.words else code

    roles = " + ".join(said("role", r) for r in row["role"].split("+"))
    return {
        **row,
        "at": t.moment(row["at"]),
        "role": roles,
        "action": said("access_action", row["action"]),
        "resource": said("access_resource", row["resource"]),
        "outcome": said("access_outcome", row["outcome"]),
    }
