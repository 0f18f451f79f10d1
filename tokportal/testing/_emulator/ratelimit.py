"""Per-key token buckets and the workspace-wide bundle capacity, both on real monotonic time.

Real time (not the business clock) because clients pace themselves with ``time.monotonic()``
and ``Retry-After``; a throttling client must see the same arithmetic the server uses.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

import attrs

Now = Callable[[], float]


@attrs.frozen
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_at: int  # unix seconds when the bucket is full again
    retry_after: int  # whole seconds, >= 1 when refused

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_at),
        }


@attrs.define
class TokenBucket:
    capacity: float
    refill_per_second: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.refill_per_second)
        self.updated = now

    def seconds_until(self, tokens: float) -> float:
        missing = tokens - self.tokens
        return 0.0 if missing <= 0 else missing / self.refill_per_second


class RateLimiter:
    """One token bucket per API key: capacity = burst, refill = limit / 60 per second."""

    def __init__(
        self,
        per_minute: float,
        burst: int | None,
        *,
        monotonic: Now = time.monotonic,
        wall: Now = time.time,
    ) -> None:
        if per_minute <= 0:
            raise ValueError("rate_limit_per_minute must be positive")
        self.per_minute = per_minute
        self.capacity = int(burst if burst is not None else math.floor(per_minute))
        if self.capacity < 1:
            raise ValueError("rate_limit_burst must be at least 1")
        self._rate = per_minute / 60.0
        self._monotonic = monotonic
        self._wall = wall
        self._buckets: dict[str, TokenBucket] = {}

    def _bucket(self, key: str, now: float) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(self.capacity, self._rate, float(self.capacity), now)
            self._buckets[key] = bucket
        bucket.refill(now)
        return bucket

    def consume(self, key: str) -> RateDecision:
        now = self._monotonic()
        bucket = self._bucket(key, now)
        allowed = bucket.tokens >= 1.0
        if allowed:
            bucket.tokens -= 1.0
        return self._decision(bucket, allowed)

    def refused(self) -> RateDecision:
        """A 429 that did not come from a bucket (an injected ``rate_limit`` fault)."""
        wall = self._wall()
        return RateDecision(False, self.capacity, 0, math.ceil(wall + 1), 1)

    def _decision(self, bucket: TokenBucket, allowed: bool) -> RateDecision:
        wall = self._wall()
        reset_at = math.ceil(wall + bucket.seconds_until(bucket.capacity))
        retry_after = 0 if allowed else max(1, math.ceil(bucket.seconds_until(1.0)))
        return RateDecision(
            allowed=allowed,
            limit=self.capacity,
            remaining=max(0, math.floor(bucket.tokens)),
            reset_at=reset_at,
            retry_after=retry_after,
        )


class CapacityGate:
    """Rolling workspace-wide capacity for bundle creation and publication.

    ``None`` limits means unlimited (the default). Each created or published bundle is one
    operation; a batch is checked as a whole and either fits or is refused entirely.
    """

    def __init__(self, *, monotonic: Now = time.monotonic) -> None:
        self._monotonic = monotonic
        self.max_operations: int | None = None
        self.window_seconds: float = 0.0
        self._log: dict[str, deque[float]] = {}

    def configure(self, max_operations: int, window_seconds: float) -> None:
        if max_operations < 0 or window_seconds <= 0:
            raise ValueError("max_operations must be >= 0 and window_seconds > 0")
        self.max_operations = max_operations
        self.window_seconds = window_seconds
        self._log.clear()

    def retry_after(self, workspace_id: str, count: int) -> float | None:
        """Seconds until ``count`` operations fit, or ``None`` when they fit now."""
        if self.max_operations is None:
            return None
        now = self._monotonic()
        log = self._trim(workspace_id, now)
        if len(log) + count <= self.max_operations:
            return None
        if count > self.max_operations:
            return self.window_seconds
        # The oldest entries must age out until the batch fits.
        must_expire = len(log) + count - self.max_operations
        return max(0.0, log[must_expire - 1] + self.window_seconds - now)

    def record(self, workspace_id: str, count: int) -> None:
        if self.max_operations is None or count <= 0:
            return
        now = self._monotonic()
        self._trim(workspace_id, now).extend([now] * count)

    def _trim(self, workspace_id: str, now: float) -> deque[float]:
        log = self._log.setdefault(workspace_id, deque())
        while log and log[0] + self.window_seconds <= now:
            log.popleft()
        return log
