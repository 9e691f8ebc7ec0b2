"""The forms of the privacy officer's pages, checked by the domain's own rules: a report field
to correct (one of workflow/correction.py's), its right value as typed, and a reason."""

from typing import Annotated

from pydantic import BaseModel, StringConstraints

from config.texts import Texts
from workflow.correction import CORRECTABLE, Kind
from workflow.rights_commands import Reason

Value = Annotated[str, StringConstraints(max_length=2000)]


class CorrectionForm(BaseModel):
    field: Annotated[str, StringConstraints(max_length=60)]
    value: Value = ""
    reason: Reason


class RestrictionForm(BaseModel):
    reason: Reason


def correction_fields(t: Texts) -> list[tuple[str, str]]:
    """Each correctable field with its words (a JSON field says so)."""
    found = []
    for name, kind in CORRECTABLE.items():
        key = f"oversight.correctable.{name}"
        words = t(key) if key in t.words else name
        found.append((name, f"{words} (JSON)" if kind is Kind.JSON else words))
    return found
