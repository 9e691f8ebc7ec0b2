"""Every word a person reads, from one place: a catalogue per language in `config/texts/`
(`nl/`, the default, and `en/`; MELDPUNT_LANGUAGE chooses), one JSON file per area of the service
so that each area's words sit together, keyed by dotted ids such as
`state.received` or `file.report`, with `{name}` placeholders. Identifiers, JSON keys and logs
stay English; only what is shown to a person goes through here."""

import json
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

Language = Literal["nl", "en"]
CATALOGUES = Path(__file__).with_name("texts")
# The details of a notification that are codes with words of their own, and which words.
DETAIL_LABELS = {
    "level": "risk",
    "suggested_level": "risk",
    "deadline_kind": "deadline_kind",
    "partner": "partner_name",
}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@cache
def catalogue(language: Language) -> dict[str, str]:
    found: dict[str, str] = {}
    for area in sorted((CATALOGUES / language).glob("*.json")):
        words: dict[str, str] = json.loads(area.read_text("utf-8"))
        # A key in two areas would make one of them silently lose; a test keeps them apart.
        found.update(words)
    return found


def areas(language: Language) -> dict[str, dict[str, str]]:
    """Each area's words by its file name, for the test that no key is said twice."""
    return {
        area.stem: json.loads(area.read_text("utf-8"))
        for area in sorted((CATALOGUES / language).glob("*.json"))
    }


class Texts:
    def __init__(self, language: Language = "nl") -> None:
        self.language = language
        self.words = catalogue(language)

    def __call__(self, key: str, **params: Any) -> str:
        """The text for `key` in this language, its placeholders filled in. A key the catalogue
        lacks shows as itself, so a gap is visible rather than hidden (a test keeps both
        catalogues complete)."""
        text = self.words.get(key, key)
        return text.format(**params) if params else text

    def reason(self, said: str) -> str:
        """A reason from the domain (a `workflow.errors.Reason`) in this language; its English
        text when the catalogue has no words for it (or they do not fit its values)."""
        key = getattr(said, "key", None)
        if key is None or key not in self.words:
            return str(said)
        try:
            return self.words[key].format(**getattr(said, "params", {}))
        except (KeyError, IndexError, ValueError):
            return str(said)

    def label(self, kind: str, value: object) -> str:
        """The word for a code: `label("state", "received")` is "melding ontvangen"."""
        if value is None:
            return ""
        return self(f"{kind}.{value}")

    def notification(self, kind: str, details: Mapping[str, str]) -> str:
        """A stored notification's sentence, its details said: codes as words, dates (`*_on`)
        and moments (`*_at`) as a person in the region reads them. A row from before
        notifications had details keeps its old text (`text`) after the label."""
        template = self.words.get(f"notification_text.{kind}")
        said = {key: self._detail(key, value) for key, value in details.items()}
        try:
            if template is not None:
                return template.format(**said)
        except (KeyError, IndexError):
            pass
        return " ".join(filter(None, (self.label("notification", kind), details.get("text"))))

    def _detail(self, key: str, value: str) -> str:
        if key.endswith("_at"):
            return self.moment(value)
        if key.endswith("_on"):
            return self.day(value)
        kind = DETAIL_LABELS.get(key)
        return self.label(kind, value) if kind and f"{kind}.{value}" in self.words else value

    def moment(self, value: datetime | str | None) -> str:
        """A moment as a person in the region reads it: Amsterdam time, day first
        (02-12-2026 10:15); JSON keeps ISO 8601 with its offset."""
        if value is None:
            return ""
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        return moment.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")

    def day(self, value: date | str | None) -> str:
        """A date, day first (14-03-2010)."""
        if value is None:
            return ""
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return day.strftime("%d-%m-%Y")
