"""Domain errors. Each maps to one documented exit code and HTTP status at the entry points."""

from collections.abc import Sequence

from pydantic import ValidationError


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
    def from_validation(cls, error: ValidationError, context: str = "") -> "InvalidInput":
        problems = [
            (".".join(str(part) for part in e["loc"]) or "(body)", e["msg"]) for e in error.errors()
        ]
        return cls(problems, context)


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
