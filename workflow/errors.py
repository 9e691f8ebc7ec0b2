"""Domain errors. Each maps to one documented exit code and HTTP status at the entry points."""

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from workflow.plain_text import PATTERN_REASONS

M = TypeVar("M", bound=BaseModel)


class Reason(str):
    """A reason a person reads: the English text (for logs, tests and as the fallback), with the
    key and values by which the entry points say it in the person's language (config/texts).
    A str, so it goes wherever a reason went before."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, text: str, params: dict[str, Any] | None = None) -> "Reason":
        made = super().__new__(cls, text)
        made.key = key
        made.params = dict(params or {})
        return made


def reason(key: str, template: str, **params: Any) -> Reason:
    """`Reason` with its English `template` filled in: reason("x.y", "at least {n}", n=3)."""
    return Reason(key, template.format(**params), params)


class MeldpuntError(Exception):
    """Base of the errors a user can cause and correct."""


class InvalidInput(MeldpuntError):
    """Bad input: each problem names the field and the reason. Nothing was changed."""

    def __init__(self, problems: Sequence[tuple[str, str]], context: str = "") -> None:
        self.problems = list(problems)
        listed = "; ".join(f"{field}: {reason}" for field, reason in self.problems)
        prefix = f"{context}: " if context else ""
        super().__init__(f"{prefix}{listed}")

    @classmethod
    def from_validation(
        cls, error: ValidationError, context: str = "", under: str = ""
    ) -> "InvalidInput":
        """Every problem pydantic found, named by its field (below `under`, when given)."""
        problems: list[tuple[str, str]] = []
        for e in error.errors():
            name = ".".join(str(part) for part in (under, *e["loc"]) if part != "")
            problems.append((name or "(body)", validation_reason(e)))
        return cls(problems, context)


def validation_reason(error: ErrorDetails) -> Reason:
    """One of pydantic's problems as a reason keyed by its kind; a text that is not plain says
    so in words (its pattern would show the reader invisible characters)."""
    values = {k: v for k, v in error.get("ctx", {}).items() if isinstance(v, str | int | float)}
    if error["type"] == "string_pattern_mismatch" and values.get("pattern") in PATTERN_REASONS:
        key, text = PATTERN_REASONS[str(values["pattern"])]
        return Reason(key, text)
    return Reason(f"validation.{error['type']}", error["msg"].removeprefix("Value error, "), values)


NOT_AN_OBJECT = Reason("validation.not_an_object", "must be a JSON object")


def validated(model: type[M], data: Any, context: str, under: str = "", whole: str = "data") -> M:
    """`data` as `model`, or InvalidInput listing every problem at once with its field (below
    `under`; `whole` names the value itself): the one way input from outside becomes a domain
    value (commands carry what this returns)."""
    if not isinstance(data, dict):
        raise InvalidInput([(under or whole, NOT_AN_OBJECT)], context)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput.from_validation(error, context, under) from None


class NotAllowed(MeldpuntError):
    """The asker's role may not do `action`, or (`outside_scope`) the case is not theirs and
    they did not break the glass. The refusal is in the access log."""

    def __init__(self, role: str, action: str, outside_scope: bool = False) -> None:
        self.role = role
        self.action = action
        self.outside_scope = outside_scope
        if outside_scope:
            text = (
                "this case is not assigned to you or your team; to break the glass, state why "
                "(it is logged and reviewed by the team lead)"
            )
        else:
            text = f"role '{role}' may not {action.replace('_', ' ')}"
        super().__init__(text)


class CaseNotFound(MeldpuntError):
    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        super().__init__(f"case '{case_id}' does not exist")


class ConcurrencyConflict(MeldpuntError):
    """Someone else changed the case between our read and our write; nothing of ours was saved."""

    def __init__(self, case_id: str, expected_version: int) -> None:
        self.case_id = case_id
        self.expected_version = expected_version
        super().__init__(
            f"case '{case_id}' was changed by someone else (expected version {expected_version}); "
            "reload it and try again"
        )
