"""A rate-limited API on a fake clock, for throttle tests: an ``httpx.MockTransport`` handler.

It keeps the API's per-key token bucket (API.md 1.7) the way the emulator does: capacity =
burst, continuous refill, ``X-RateLimit-Limit/Remaining/Reset`` on every answer, and a 429
``RATE_LIMIT_EXCEEDED`` with ``Retry-After`` (whole seconds until a token) when it is empty.
Its time is the test's :class:`~tests.helpers.FakeClock` plus a small arrival delay.
"""

from __future__ import annotations

import math

import httpx

from tests.helpers import FakeClock, error, ok

# A request reaches the server this long after the client sent it (fake seconds).
ARRIVAL_DELAY = 0.001
# The client's and the server's wall clocks read ``FakeClock.now + WALL_OFFSET``.
WALL_OFFSET = 1_790_000_000.0 - 1000.0


class RateLimitedServer:
    def __init__(
        self,
        clock: FakeClock,
        *,
        per_minute: float,
        burst: int,
        wall_offset: float = WALL_OFFSET,
        send_reset: bool = True,
    ) -> None:
        self.clock = clock
        self.rate = per_minute / 60.0
        self.capacity = float(burst)
        self.tokens = float(burst)
        self.updated = clock.now
        self.wall_offset = wall_offset
        self.send_reset = send_reset
        self.admitted: list[float] = []  # server times of the requests it served
        self.refused = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        now = self.clock.now + ARRIVAL_DELAY
        self.tokens = min(self.capacity, self.tokens + max(0.0, now - self.updated) * self.rate)
        self.updated = max(self.updated, now)
        allowed = self.tokens >= 1.0
        if allowed:
            self.tokens -= 1.0
            self.admitted.append(now)
        else:
            self.refused += 1
        wall = now + self.wall_offset
        headers = {
            "X-RateLimit-Limit": str(int(self.capacity)),
            "X-RateLimit-Remaining": str(max(0, math.floor(self.tokens))),
        }
        if self.send_reset:
            full_in = (self.capacity - self.tokens) / self.rate
            headers["X-RateLimit-Reset"] = str(math.ceil(wall + full_in))
        if allowed:
            return ok({"email": "a@b.c", "credits": 3}, headers=headers)
        retry_after = max(1, math.ceil((1.0 - self.tokens) / self.rate))
        headers["Retry-After"] = str(retry_after)
        return error(
            429,
            "RATE_LIMIT_EXCEEDED",
            details={"retry_after_seconds": retry_after},
            headers=headers,
        )

    @property
    def requests(self) -> int:
        return len(self.admitted) + self.refused

    def fastest_schedule(self, calls: int) -> float:
        """Seconds the server needs at best to serve ``calls`` calls from a full bucket."""
        return max(0.0, calls - self.capacity) / self.rate
