"""Domain errors. Each maps to one documented exit code and HTTP status at the entry points."""

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


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
        problems = []
        for e in error.errors():
            name = ".".join(str(part) for part in (under, *e["loc"]) if part != "")
            problems.append((name or "(body)", e["msg"].removeprefix("Value error, ")))
        return cls(problems, context)


def validated(model: type[M], data: Any, context: str, under: str = "", whole: str = "data") -> M:
    """`data` as `model`, or InvalidInput listing every problem at once with its field (below
    `under`; `whole` names the value itself): the one way input from outside becomes a domain
    value (commands carry what this returns)."""
    if not isinstance(data, dict):
        raise InvalidInput([(under or whole, "must be a JSON object")], context)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput.from_validation(error, context, under) from None


class NotAllowed(MeldpuntError):
    """The asker's role may not do this, or the case is outside their scope and they did not
    break the glass. The refusal is in the access log."""

    def __init__(self, reason: str, outside_scope: bool = False) -> None:
        self.reason = reason
        self.outside_scope = outside_scope
        super().__init__(reason)


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
