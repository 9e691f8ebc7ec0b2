"""Each partner token's budget of events (MELDPUNT_PARTNER_SIGNALS_PER_MINUTE) in a moving
minute: past it the request is answered 429 with `Retry-After` and nothing in it is taken. The
first refusal after the token last had room tells the team lead (once per time over budget).
In memory, per process, as the failed-authentication count (adapters/http/auth_failures.py)."""

import math
import threading
import time

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class PartnerBudget:
    def __init__(self, per_minute: int) -> None:
        self.limit = per_minute
        self.rate = RateLimitItemPerMinute(per_minute)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.over: set[str] = set()
        self.lock = threading.Lock()

    def spend(self, token: str, events: int) -> tuple[int, bool] | None:
        """Spend `events` of the token's budget: None when it had room; else the seconds to
        wait and whether this is the first refusal since it last had room (tell the team lead)."""
        with self.lock:
            if self.limiter.hit(self.rate, token, cost=max(1, events)):
                self.over.discard(token)
                return None
            first = token not in self.over
            self.over.add(token)
            reset = self.limiter.get_window_stats(self.rate, token).reset_time
            return max(1, math.ceil(reset - time.time())), first
