"""The non-case records as a person reads them in a table: codes as words in their language
(config/texts), lists joined. --json keeps the codes."""

from collections.abc import Mapping
from typing import Any

from config.texts import Texts
from workflow.reference import ReferenceData

# The columns whose codes have words, and which kind of label says them.
LABELS = {
    "channel": "channel",
    "professional": "professional",
    "kind": "prevention_kind",
    "audience": "audience",
    "status": "activity_status",
}
DAYS = ("asked_on", "on")


def _topic(code: str, t: Texts, signals: Mapping[str, str]) -> str:
    if f"exploitation_form.{code}" in t.words:
        return t.label("exploitation_form", code)
    return signals.get(code, code) if t.language == "nl" else code


def signal_words(reference: ReferenceData) -> dict[str, str]:
    return {i.code: i.label_nl for i in reference.instrument.indicators}


def readable(row: dict[str, Any], t: Texts, signals: Mapping[str, str]) -> dict[str, Any]:
    """`row` for a table: codes as words, days day first; `signals` the Dutch words of the
    risk instrument's signals (said in Dutch only: the instrument has no others)."""
    shown = dict(row)
    for column in DAYS:
        if shown.get(column):
            shown[column] = t.day(shown[column])
    for column, kind in LABELS.items():
        if column in shown and f"{kind}.{shown[column]}" in t.words:
            shown[column] = t.label(kind, shown[column])
    if "topics" in shown:
        shown["topics"] = ", ".join(_topic(code, t, signals) for code in shown["topics"])
    if "partners" in shown:
        shown["partners"] = ", ".join(shown["partners"])
    return shown
