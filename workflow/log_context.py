"""Log context for a stretch of work: case_id, event_id, correlation_id on every line of it."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import structlog


@contextmanager
def bound(**values: Any) -> Iterator[None]:
    """Bind `values` to the log context until the block ends, then restore what was there.

    Like structlog's `bound_contextvars`, but restoring through the tokens that binding returns,
    instead of copying the whole context first: this runs around every command and handler."""
    tokens = structlog.contextvars.bind_contextvars(**values)
    try:
        yield
    finally:
        structlog.contextvars.reset_contextvars(**tokens)
