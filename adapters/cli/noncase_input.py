"""What the non-case commands share: a record as JSON from a file or stdin, or from options,
and saying that there is no such record (exit code 5)."""

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from adapters.cli.errors import ExitCode, fail, texts
from adapters.noncase_gate import NoSuchRecord
from workflow.errors import InvalidInput, reason

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
FileOption = Annotated[
    str | None,
    typer.Option("--file", "-f", help="The whole record as JSON; - for stdin (options add to it)."),
]


def read_json(file: str | None, given: dict[str, Any]) -> dict[str, Any] | Any:
    """The record: the JSON of `file` (or stdin), with the options that were `given` (not None)
    over it. A file that is not a JSON object is handed on as it is: the check names it."""
    form: Any = {}
    if file is not None:
        if file == "-":
            text = sys.stdin.read()
        else:
            path = Path(file)
            if not path.is_file():
                fail("cli.no_such_file", ExitCode.BAD_INPUT, path=file)
            text = path.read_text(encoding="utf-8")
        try:
            form = json.loads(text)
        except json.JSONDecodeError as error:
            why = reason(
                "cli.not_json",
                "not valid JSON: {error} at line {line}, column {column}",
                error=error.msg,
                line=error.lineno,
                column=error.colno,
            )
            raise InvalidInput([("--file", why)]) from None
    options = {k: v for k, v in given.items() if v is not None}
    return {**form, **options} if isinstance(form, dict) else form


@contextmanager
def found(as_json: bool) -> Iterator[None]:
    """Say that there is no such advice question or activity, with exit code 5."""
    try:
        yield
    except NoSuchRecord as error:
        t = texts()
        what = t(f"noncase.what.{error.resource}")
        if not as_json:
            fail("noncase.not_found", ExitCode.NOT_FOUND, what=what, id=error.record_id)
        message = t("noncase.not_found", what=what, id=error.record_id)
        body = {"error": "not_found", "message": message, "id": error.record_id}
        sys.stderr.write(json.dumps(body, ensure_ascii=False) + "\n")
        raise typer.Exit(ExitCode.NOT_FOUND) from None


def split(values: list[str] | None) -> list[str] | None:
    """Repeated or comma-separated option values as one list; None when none were given."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
