"""Partner events from a file, one per line (`meldpunt partner ingest`). A line is tried on its
own: one that is too large, not UTF-8, refused, or that fails with an error of ours (a conflict,
a bug) is listed with its number and the run goes on with the next. The summary counts every
outcome; a failed line can be given again (a line taken before is a duplicate)."""

from collections.abc import Callable, Sequence
from typing import Any

import structlog

from adapters.bootstrap import App
from adapters.partners.inbound import PartnerInbound
from workflow.errors import ConcurrencyConflict

log = structlog.get_logger(__name__)


def ingest_lines(
    app: App, lines: Sequence[bytes], advance: Callable[[], None] = lambda: None
) -> dict[str, Any]:
    """Every line tried, `advance` called after each that is not blank; the summary."""
    inbound = PartnerInbound(app.bus, app.partners)
    limit = app.settings.api_max_body_bytes
    counts = {"handled": 0, "duplicate": 0, "refused": 0, "failed": 0}
    problems: list[dict[str, Any]] = []

    def note(number: int, outcome: str, reason: str) -> None:
        counts[outcome] += 1
        problems.append({"line": number, "outcome": outcome, "reason": reason})

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        advance()
        if len(line) > limit:
            note(number, "refused", f"(body): larger than {limit} bytes")
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            note(number, "refused", f"(body): not UTF-8 at byte {error.start}")
            continue
        try:
            result = inbound.handle(text)
        except ConcurrencyConflict:
            note(number, "failed", "the case changed meanwhile: give the line again")
            continue
        except Exception as error:  # ours, not the partner's: said by kind, never by content
            log.exception("partner event failed", line=number)
            note(number, "failed", f"error of the service ({type(error).__name__})")
            continue
        if result.reason:
            note(number, result.outcome.value, result.reason)
        else:
            counts[result.outcome.value] += 1
    return {**counts, "lines": problems}
