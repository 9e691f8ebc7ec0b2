"""Exit codes and the one-sentence error messages of the command line. Documented in docs/cli.md."""

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import Any, NoReturn

import typer
from pydantic import ValidationError

from states import TriggerRefused
from workflow.errors import CaseNotFound, ConcurrencyConflict, InvalidInput, NotAllowed


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    BAD_INPUT = 2
    REFUSED = 3
    CONFLICT = 4
    NOT_FOUND = 5
    UNAVAILABLE = 6
    NOT_ALLOWED = 7


def _describe(error: Exception) -> tuple[ExitCode, str, dict[str, Any]]:
    if isinstance(error, InvalidInput):
        problems = [{"field": f, "reason": r} for f, r in error.problems]
        return ExitCode.BAD_INPUT, "bad_input", {"problems": problems}
    if isinstance(error, TriggerRefused):
        return (
            ExitCode.REFUSED,
            "transition_refused",
            {
                "state": error.state.value,
                "trigger": error.trigger,
                "allowed_triggers": [t.value for t in error.allowed],
                "missing": error.missing,
            },
        )
    if isinstance(error, ConcurrencyConflict):
        return ExitCode.CONFLICT, "conflict", {"case_id": error.case_id}
    if isinstance(error, CaseNotFound):
        return ExitCode.NOT_FOUND, "not_found", {"case_id": error.case_id}
    if isinstance(error, NotAllowed):
        return ExitCode.NOT_ALLOWED, "not_allowed", {"outside_scope": error.outside_scope}
    raise error


@contextmanager
def reported(as_json: bool) -> Iterator[None]:
    """Turn a domain error into its message on stderr and its exit code."""
    try:
        try:
            yield
        except ValidationError as invalid:  # a command built from the options did not validate
            raise InvalidInput.from_validation(invalid, "options") from None
    except (InvalidInput, TriggerRefused, ConcurrencyConflict, CaseNotFound, NotAllowed) as error:
        code, kind, details = _describe(error)
        message = str(error)
        if isinstance(error, NotAllowed) and error.outside_scope:
            message += " with --break-glass REASON"
        if as_json:
            body = {"error": kind, "message": message, **details}
            sys.stderr.write(json.dumps(body, ensure_ascii=False) + "\n")
        else:
            sys.stderr.write(f"error: {message}\n")
        raise typer.Exit(code) from None


def fail(message: str, code: ExitCode = ExitCode.BAD_INPUT) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    raise typer.Exit(code)
