"""Rate limiters: one request budget per API key, in one process or across a fleet.

Both clients take ``rate_limiter=``. Without it they use the in-process bucket
(:class:`AsyncLocalRateLimiter` / :class:`LocalRateLimiter`, shaped by ``rate_limit`` and
``rate_limit_burst``). Many workers on one key (Celery, RQ or arq workers, pods, cron jobs)
share one budget through Redis with :class:`RedisRateLimiter` (``tokportal-sdk[redis]``)::

    limiter = RedisRateLimiter.from_url("redis://localhost:6379/0")
    client = AsyncTokPortal(rate_limiter=limiter)   # or TokPortal(rate_limiter=limiter)

Your own limiter implements :class:`AsyncRateLimiter` (async client) or :class:`RateLimiter`
(blocking client).
"""

from __future__ import annotations

from ._async.ratelimit import AsyncLocalRateLimiter, AsyncRateLimiter
from ._core.api_response import RateLimitInfo
from ._core.ratelimit import Grant, RateLimitObservation, RedisRateLimiter
from ._sync.ratelimit import LocalRateLimiter, RateLimiter

__all__ = [
    "AsyncLocalRateLimiter",
    "AsyncRateLimiter",
    "Grant",
    "LocalRateLimiter",
    "RateLimitInfo",
    "RateLimitObservation",
    "RateLimiter",
    "RedisRateLimiter",
]
