"""Failed authentications, counted per source (the client address, after a trusted proxy): past
MELDPUNT_API_AUTH_FAILURES_PER_MINUTE in a moving minute, the source is answered 429 with
`Retry-After` until the window has room again, whatever token it sends. Each failure is logged
with its source and kind, never with the token. In memory, per process: several API processes
each keep their own count (a proxy in front can add a limit of its own)."""

import math
import time

import structlog
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

log = structlog.get_logger(__name__)


class AuthFailures:
    def __init__(self, per_minute: int) -> None:
        self.rate = RateLimitItemPerMinute(per_minute)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def wait(self, source: str) -> int | None:
        """Seconds `source` must wait before it may try again, or None when it may now."""
        if self.limiter.test(self.rate, source):
            return None
        reset = self.limiter.get_window_stats(self.rate, source).reset_time
        return max(1, math.ceil(reset - time.time()))

    def failed(self, source: str, kind: str, token_kind: str) -> None:
        """Count a failure of `source` and log it: `kind` says what was wrong, `token_kind`
        which sort of token it was (ours, a JWT), never the token."""
        self.limiter.hit(self.rate, source)
        log.warning("authentication failed", source=source, kind=kind, token_kind=token_kind)
