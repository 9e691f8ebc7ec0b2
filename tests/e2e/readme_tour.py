"""The README's tour as a script: its code blocks read in order, each shell line a step, so a
test can run them as written. Understood: `meldpunt ...` commands, `A && B`, `export NAME=V`,
`echo $?`, lines continued by `\\` or by an open quote, `# ...` comments, and transcripts
(`$ command` followed by what it prints)."""

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## A five-minute tour"


@dataclass
class Step:
    line: str  # the shell line, continuations joined
    words: list[str]
    said: str = ""  # what the README says it prints: a `# ...` comment, or a transcript's lines
    transcript: bool = False  # `$ ...`: the printed lines follow in the block
    printed: list[str] = field(default_factory=list)


def blocks(text: str) -> list[list[str]]:
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    section = text[start : end if end != -1 else len(text)]
    return [b.splitlines() for b in re.findall(r"```[a-z]*\n(.*?)```", section, re.S)]


def _complete(line: str) -> bool:
    if line.endswith("\\"):
        return False
    try:
        shlex.split(line, comments=True)
    except ValueError:  # an open quote: the line goes on
        return False
    return True


def steps(block: list[str]) -> list[Step]:
    found: list[Step] = []
    pending = ""
    for raw in block:
        if found and found[-1].transcript and not raw.startswith("$ ") and not pending:
            found[-1].printed.append(raw)
            continue
        if not pending and raw.lstrip().startswith("#"):
            if found:  # a comment line of its own: what the step above prints
                found[-1].said = raw.lstrip()[1:].strip()
            continue
        joined = f"{pending}\n{raw}" if pending else raw
        if not _complete(joined.rstrip()):
            pending = joined.rstrip().removesuffix("\\")
            continue
        pending = ""
        transcript = joined.startswith("$ ")
        line = joined.removeprefix("$ ")
        words = shlex.split(line, comments=True)
        comment = _comment(line)
        found.append(Step(line, words, comment, transcript))
    return found


def _comment(line: str) -> str:
    """The trailing `# ...` of a line, outside quotes."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[index + 1 :].strip()
    return ""


def tour() -> list[list[Step]]:
    return [steps(block) for block in blocks(README.read_text(encoding="utf-8"))]


def said_json(said: str) -> tuple[dict[str, Any], bool] | None:
    """A comment that shows a JSON object, as (its keys and values, whether it says `...` for
    more keys). A value written with `...` stands for any value."""
    text = said.strip()
    if not text.startswith("{"):
        return None
    more = bool(re.search(r",\s*\.\.\.\s*}$", text))
    text = re.sub(r",\s*\.\.\.\s*}$", "}", text)
    text = re.sub(r'"[^"]*\.\.\."', '"..."', text)
    return json.loads(text), more


def matches(actual: Any, said: str) -> bool:
    shown = said_json(said)
    if shown is None:
        return True
    expected, more = shown
    if not isinstance(actual, dict):
        return False
    if not more and set(actual) != set(expected):
        return False
    return all(v == "..." or actual.get(k) == v for k, v in expected.items())
