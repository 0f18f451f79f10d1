"""Token-bucket arithmetic for the client-side throttle (time is passed in).

One bucket is shared by every concurrent call on a client. A call *reserves* a token and is
told how long to wait for it; tokens may go negative, which queues later callers behind
earlier ones, so a burst of concurrent calls is spread at the configured rate instead of
earning 429s. The server's ``X-RateLimit-*`` headers correct the bucket: its capacity (the
burst) is learnt from ``X-RateLimit-Limit`` and the tokens never exceed what the server says
remains. Until the first response teaches the burst, one request at a time goes out.
"""

from __future__ import annotations

import attrs

# How long a caller waits before asking again while the first (probe) response is awaited.
PROBE_POLL_INTERVAL = 0.01


@attrs.define(kw_only=True)
class TokenBucket:
    rate: float  # tokens per second
    capacity: float | None  # the burst; None until configured or learnt from the server
    tokens: float = 0.0
    updated: float | None = None  # monotonic time of the last refill
    probe_in_flight: bool = False

    @classmethod
    def per_minute(cls, requests_per_minute: float, burst: int | None = None) -> TokenBucket:
        if requests_per_minute <= 0:
            raise ValueError(f"rate limit must be positive, got {requests_per_minute}")
        if burst is not None and burst < 1:
            raise ValueError(f"burst must be at least 1, got {burst}")
        capacity = float(burst) if burst is not None else None
        return cls(rate=requests_per_minute / 60.0, capacity=capacity, tokens=capacity or 0.0)

    def _refill(self, now: float) -> None:
        if self.updated is not None and self.capacity is not None:
            elapsed = max(0.0, now - self.updated)
            self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated = now

    def reserve(self, now: float) -> float:
        """Take a token; return how many seconds to wait before using it.

        A positive wait while the burst is still unknown means "ask again" (nothing was
        taken); otherwise the token is taken and the wait is final.
        """
        if self.capacity is None:
            if self.probe_in_flight:
                return PROBE_POLL_INTERVAL
            self.probe_in_flight = True
            self.updated = now
            return 0.0
        self._refill(now)
        self.tokens -= 1.0
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate

    def observe(self, *, limit: int | None, remaining: int | None, now: float) -> None:
        """Correct the bucket with what the server reported on a response."""
        self._refill(now)
        if self.capacity is None:
            self.probe_in_flight = False
            if limit is None or limit < 1:
                # The server reports nothing: fall back to a burst of one minute's worth.
                self.capacity = max(1.0, self.rate * 60.0)
                self.tokens = self.capacity - 1.0
                return
            self.capacity = float(limit)
            self.tokens = float(remaining) if remaining is not None else self.capacity - 1.0
            return
        if limit is not None and limit >= 1 and limit < self.capacity:
            self.capacity = float(limit)
            self.tokens = min(self.tokens, self.capacity)
        if remaining is not None and remaining < self.tokens:
            self.tokens = float(remaining)

    def penalize(self, wait: float, now: float) -> None:
        """After a 429: nobody sends before ``wait`` seconds have passed."""
        self._refill(now)
        self.tokens = min(self.tokens, -wait * self.rate)

    def abandon_probe(self) -> None:
        """The probe got no response (a network error): let the next caller probe."""
        self.probe_in_flight = False
