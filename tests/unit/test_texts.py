"""What people read comes from the catalogues (config/texts): both languages have the same
keys, every key the code asks for is there, and every code a person sees has its words."""

import re
from pathlib import Path

import pytest

from config.texts import Texts, catalogue
from states import RiskLevel, State, Trigger
from workflow.access import Action, Role
from workflow.errors import reason

ROOT = Path(__file__).resolve().parents[2]
USED = re.compile(r'\b(?:reason|say|Reason|fail|t)\(\s*"([a-z_]+\.[a-z0-9_.]+)"')
PROBLEM = re.compile(r'ProblemError\(\s*\d+,\s*"([a-z_.]+)",\s*"([a-z_.]+)"')


def keys_in_code() -> set[str]:
    found: set[str] = set()
    for folder in ("states", "workflow", "handlers", "adapters", "config"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            found |= set(USED.findall(text))
            found |= {k for pair in PROBLEM.findall(text) for k in pair}
    return found - {"x.y"}  # the example in a docstring


def test_both_languages_have_the_same_words() -> None:
    assert set(catalogue("nl")) == set(catalogue("en"))


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    missing = sorted(k for k in keys_in_code() if k not in catalogue("nl"))
    assert missing == []


@pytest.mark.parametrize(
    ("kind", "codes"),
    [
        ("state", list(State)),
        ("trigger", list(Trigger)),
        ("risk", list(RiskLevel)),
        ("role", list(Role)),
        ("action", list(Action)),
    ],
)
def test_every_code_a_person_sees_has_its_words(kind: str, codes: list[str]) -> None:
    assert [c for c in codes if f"{kind}.{c}" not in catalogue("nl")] == []


def test_a_reason_is_said_in_the_language_and_keeps_english_for_the_logs() -> None:
    said = reason("consent.given_in_future", "lies in the future")
    assert (Texts("nl").reason(said), Texts("en").reason(said), str(said)) == (
        "ligt in de toekomst",
        "lies in the future",
        "lies in the future",
    )
    assert Texts("nl").reason("a reason without a key") == "a reason without a key"
