"""Exit codes and the one-sentence error messages of the command line, in the person's language
(config/texts; config/errors_said.py words the domain's errors). Documented in docs/cli.md."""

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from functools import cache
from typing import Any, NoReturn

import typer
from pydantic import ValidationError

from config import errors_said
from config.settings import Settings
from config.texts import Texts
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
    ADDRESS_IN_USE = 8


@cache
def texts() -> Texts:
    """The words of the person's language; Dutch when the settings themselves are wrong."""
    try:
        return Texts(Settings().language)
    except ValidationError:
        return Texts("nl")


def _describe(error: Exception) -> tuple[ExitCode, str, dict[str, Any]]:
    if isinstance(error, InvalidInput):
        problems = errors_said.problems(texts(), error)
        listed = [{"field": f, "reason": r} for f, r in problems]
        return ExitCode.BAD_INPUT, "bad_input", {"problems": listed}
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
        t = texts()
        message = errors_said.sentence(t, error)
        if isinstance(error, NotAllowed) and error.outside_scope:
            message += " " + t("cli.break_glass_hint")
        if as_json:
            body = {"error": kind, "message": message, **details}
            sys.stderr.write(json.dumps(body, ensure_ascii=False) + "\n")
        else:
            sys.stderr.write(f"{t('cli.error')}: {message}\n")
        raise typer.Exit(code) from None


def say_error(key: str, **params: Any) -> None:
    """Print the message `key` of the catalogue (config/texts), its values filled in."""
    t = texts()
    sys.stderr.write(f"{t('cli.error')}: {t(key, **params)}\n")


def fail(key: str, code: ExitCode = ExitCode.BAD_INPUT, **params: Any) -> NoReturn:
    """Stop the command with the message `key`."""
    say_error(key, **params)
    raise typer.Exit(code)
