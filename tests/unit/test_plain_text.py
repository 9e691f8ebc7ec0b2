"""The one pattern for names and header values refuses every control, format (bidirectional,
invisible) and separator character Unicode knows, and nothing a name is made of."""

import re
import unicodedata

from workflow.plain_text import NO_SPACES, PRINTABLE

REFUSED = {"Cc", "Cf", "Zl", "Zp"}


def test_every_control_format_and_separator_character_of_the_basic_plane_is_refused() -> None:
    pattern = re.compile(PRINTABLE)
    let_through = [
        f"U+{cp:04X}"
        for cp in range(0xFFFF + 1)
        if not 0xD800 <= cp <= 0xDFFF
        and unicodedata.category(chr(cp)) in REFUSED
        and pattern.match(f"a{chr(cp)}b")
    ]
    assert let_through == []


def test_names_in_any_script_pass() -> None:
    for name in ["Fenna de Vries", "Zoë O'Neill-Ağaoğlu", "محمد", "דוד", "Łukasz", "Jan 2e"]:
        assert re.match(PRINTABLE, name), name
    assert re.match(NO_SPACES, "anna.de-vries")
    assert not re.match(NO_SPACES, "anna de vries")
    for bad in ["anna\u202eredael", "an\u200bna", "anna\x00", "anna\u2066x\u2069", "\ufeffanna"]:
        assert not re.match(PRINTABLE, bad), repr(bad)
