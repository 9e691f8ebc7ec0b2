"""What people read comes from the catalogues (config/texts): both languages have the same
keys, every key the code asks for is there, and every code a person sees has its words."""

import re
from pathlib import Path

import pytest

from config.texts import Texts, areas, catalogue
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
    assert {a: set(w) for a, w in areas("nl").items()} == {
        a: set(w) for a, w in areas("en").items()
    }


def test_no_key_is_said_in_two_areas() -> None:
    seen: dict[str, str] = {}
    twice = []
    for area, words in areas("nl").items():
        twice += [f"{key} in {seen[key]} and {area}" for key in words if key in seen]
        seen.update(dict.fromkeys(words, area))
    assert twice == []


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


def test_a_notification_says_its_details_in_the_language() -> None:
    details = {"deadline_kind": "plan_of_approach", "due_at": "2026-12-28T16:00:00+00:00"}
    assert Texts("nl").notification("case_stalled", details) == (
        "Termijn verstreken: plan van aanpak (uiterlijk 28-12-2026 17:00)"
    )
    assert Texts("en").notification("case_stalled", details) == (
        "Deadline passed: plan of approach (due 28-12-2026 17:00)"
    )
    confirm = {"level": "elevated", "suggested_level": "acute"}
    assert "'verhoogd' ligt onder het voorstel 'acuut'" in Texts("nl").notification(
        "assessment_to_confirm", confirm
    )


def test_a_notification_from_before_details_keeps_its_old_text() -> None:
    old = {"text": "follow-up 2 with the local team is due"}
    assert Texts("nl").notification("follow_up_due", old) == (
        "Vervolgcontact met het lokale team follow-up 2 with the local team is due"
    )


def test_every_notification_kind_has_a_label_and_a_sentence() -> None:
    words = catalogue("nl")
    kinds = {k.removeprefix("notification_text.") for k in words if k.startswith("notification_")}
    assert kinds == {
        k.removeprefix("notification.") for k in words if k.startswith("notification.")
    }
