"""Text that names something (a person, a reporter, a user, a team, a municipality) or travels in
a header: no control characters and no invisible or bidirectional formatting characters.

A right-to-left override (U+202E) shows the rest of a name backwards, a zero-width space makes
two user names look alike, and a NUL byte is a server error on PostgreSQL. The class below is
Unicode's Cc (controls), Cf (format: the bidirectional marks, embeddings, overrides and
isolates, zero-width characters, the byte-order mark), Zl and Zp (line and paragraph
separators); tests/unit/test_plain_text.py checks it against the running Python's Unicode data.
One pattern, so the OpenAPI document declares exactly what is refused. (Lone surrogates never
get this far: pydantic refuses them in any constrained string.)

The class stays inside the Basic Multilingual Plane: a client's JavaScript reads a pattern
without the `u` flag, as UTF-16 code units, where a range of characters beyond it is out of order
and the whole OpenAPI document invalid, and the validator's regex engine has no lookahead to list
them apart. The few format characters out there (Egyptian hieroglyph and musical formatting, the
tags) therefore pass; docs/privacy.md says so."""

FORBIDDEN = (
    "\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
PRINTABLE = f"^[^{FORBIDDEN}]*$"
# A user name: the same, and no whitespace either (it is typed after --actor and in headers).
NO_SPACES = f"^[^\\s{FORBIDDEN}]+$"

# What a person reads when a text does not match one of these patterns: the pattern itself
# would show them invisible characters.
PATTERN_REASONS = {
    PRINTABLE: ("validation.plain_text", "holds a control, invisible or bidirectional character"),
    NO_SPACES: (
        "validation.no_spaces",
        "holds a space, or a control, invisible or bidirectional character",
    ),
}
