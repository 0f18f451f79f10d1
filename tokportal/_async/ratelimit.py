"""Rate limiters for the async client: the protocol, the in-process bucket, the Redis budget.

The transport asks the limiter's ``acquire`` before every attempt, reports every answer with
its ``observe`` and every attempt that got none with its ``abandon``.
``tokportal.ratelimit`` is the public face.
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from .. import _primitives
from .._core.ratelimit import (
    BACKEND_RETRY_AFTER,
    GCRA_SCRIPT,
    PROBE_POLL,
    GcraReply,
    Grant,
    Op,
    RateLimitObservation,
    RedisRateLimiter,
    observe_args,
    script_args,
)
from .._core.throttle import TokenBucket
from .._primitives import AsyncSleep
from ..errors import APIConnectionError, TokPortalError

if TYPE_CHECKING:
    from .._primitives import AsyncRedisClient

logger = logging.getLogger("tokportal")

Clock = Callable[[], float]


class AsyncRateLimiter(Protocol):
    """What ``rate_limiter=`` takes: one budget of requests, shared by every call it serves.

    - ``acquire`` waits for a slot. It is cancellation-safe: a waiter cancelled before
      its slot came hands the slot back, so it is not lost to the others.
    - ``observe`` is told each answer: the server's ``X-RateLimit-*`` headers (they only
      ever tighten the budget) and, on a 429, its ``Retry-After``: nobody goes before it.
    - ``abandon`` is told when an attempt got no answer at all (network failure).
    - ``aclose`` releases what the limiter holds (connections).
    """

    async def acquire(self) -> Grant: ...

    async def observe(self, grant: Grant, observation: RateLimitObservation) -> None: ...

    def abandon(self, grant: Grant) -> None: ...

    async def aclose(self) -> None: ...


class AsyncLocalRateLimiter:
    """The in-process token bucket (``_core.throttle``): the default rate limiter.

    One bucket for every call of the clients that share it (a client and its
    ``with_options`` copies; or several clients given the same instance). It learns the
    burst from ``X-RateLimit-Limit``, keeps below ``X-RateLimit-Remaining``, learns a slower
    refill rate from the server's answers and holds everyone after a 429.
    """

    def __init__(
        self,
        bucket: TokenBucket,
        *,
        sleep: AsyncSleep | None = None,
        clock: Clock | None = None,
        wall_clock: Clock | None = None,
    ) -> None:
        self.bucket = bucket
        self._sleep = sleep or _primitives.async_sleep
        self._clock = clock or time.monotonic
        self._wall_clock = wall_clock or time.time
        # Never held across a wait: a plain lock serves both twins and several threads.
        self._lock = threading.Lock()

    @classmethod
    def per_minute(
        cls,
        requests_per_minute: float,
        burst: int | None = None,
        *,
        sleep: AsyncSleep | None = None,
        clock: Clock | None = None,
        wall_clock: Clock | None = None,
    ) -> AsyncLocalRateLimiter:
        """A bucket refilled at ``requests_per_minute``; ``burst`` None: learnt."""
        bucket = TokenBucket.per_minute(requests_per_minute, burst)
        return cls(bucket, sleep=sleep, clock=clock, wall_clock=wall_clock)

    async def acquire(self) -> Grant:
        """Wait for the bucket's go (see ``_core.throttle``).

        A caller cancelled while it waits gives its token back; one that holds the probe
        must have it released (``abandon``) unless a response is observed.
        """
        bucket = self.bucket
        while True:
            with self._lock:
                ticket = bucket.take(self._clock())
                nap = bucket.nap(ticket.wait)
            if ticket.due is not None or ticket.probe:
                break
            await self._sleep(ticket.wait)  # someone else probes: ask again
        wait = ticket.wait
        if ticket.due is not None and wait > 0:
            try:
                while wait > 0:
                    await self._sleep(nap)
                    # The schedule may have moved meanwhile (a 429, a new rate): ask again.
                    with self._lock:
                        wait = bucket.wait_for(ticket.due, self._clock())
                        nap = bucket.nap(wait)
            except BaseException:
                with self._lock:
                    bucket.refund(self._clock())
                raise
        return Grant(at=self._clock(), wall=self._wall_clock(), probe=ticket.probe)

    async def observe(self, grant: Grant, observation: RateLimitObservation) -> None:
        """Teach the bucket what this answer says about the key's request rate."""
        self.observe_now(grant, observation)

    def observe_now(self, grant: Grant, observation: RateLimitObservation) -> None:
        # Synchronous: the Redis limiter's fallback calls it from a shielded cleanup too.
        info = observation.rate_limit
        limit = info.limit if info else None
        remaining = info.remaining if info else None
        bucket = self.bucket
        with self._lock:
            now = self._clock()
            bucket.observe(limit=limit, remaining=remaining, now=now)
            if observation.status_code == 429:
                if observation.retry_after is not None:
                    bucket.penalize(observation.retry_after, now, sent_at=grant.at)
                return
            bucket.served(remaining=remaining, sent_at=grant.at)
            if info is not None and info.reset is not None:
                bucket.observe_reset(
                    limit=limit,
                    remaining=remaining,
                    reset=info.reset,
                    sent_wall=grant.wall,
                    sent_at=grant.at,
                    now=now,
                )

    def abandon(self, grant: Grant) -> None:
        """Let the next caller probe, unless a response already taught the burst."""
        if grant.probe:
            with self._lock:
                self.bucket.abandon_probe()

    async def aclose(self) -> None:
        """Nothing to release."""


# async-only
def _require_asyncio() -> None:
    """redis-py's async client runs on asyncio only: say so, rather than fail inside it."""
    import sniffio

    if sniffio.current_async_library() != "asyncio":
        raise TokPortalError(
            "RedisRateLimiter with AsyncTokPortal needs asyncio (redis-py's async client); "
            "under trio, run the blocking TokPortal in a thread or use the in-process limiter"
        )


class AsyncRedisLimiter:
    """A :class:`~tokportal.ratelimit.RedisRateLimiter` bound to one client.

    One round trip per ``acquire`` (the GCRA script reserves a slot and says how long to
    wait for it), one per ``observe``. A waiter that wakes inside a hold (a 429 anywhere
    in the fleet) that this worker heard of meanwhile waits for the hold's end.
    """

    def __init__(
        self,
        spec: RedisRateLimiter,
        *,
        api_key: str,
        base_url: str,
        rate_limit: float,
        burst: int | None,
        sleep: AsyncSleep | None = None,
        clock: Clock | None = None,
        wall_clock: Clock | None = None,
        client: AsyncRedisClient | None = None,
    ) -> None:
        self.spec = spec
        self.key = spec.budget_key(api_key=api_key, base_url=base_url)
        self._interval_us = max(1, round(60_000_000 / rate_limit))
        self._burst = burst
        self._sleep = sleep or _primitives.async_sleep
        self._clock = clock or time.monotonic
        self._wall_clock = wall_clock or time.time
        self.fallback = AsyncLocalRateLimiter.per_minute(
            rate_limit, burst, sleep=sleep, clock=clock, wall_clock=wall_clock
        )
        # A client given is the caller's (tests give fakeredis's); one opened here (on first
        # use: the async one needs the running event loop) is closed here.
        self._owns_client = client is None
        self._redis = client
        self._script = client.register_script(GCRA_SCRIPT) if client is not None else None
        self._local_until = -math.inf  # on the fallback until then (monotonic)
        self._outage = False  # warned about the current outage
        self._seq = 0  # how many holds this worker heard of ...
        self._hold_until = -math.inf  # ... and when the last one ends

    async def _call(self, op: Op, *extra: int) -> GcraReply:
        if self._script is None:
            self._redis = _primitives.async_redis_from_url(self.spec.url, timeout=self.spec.timeout)
            self._script = self._redis.register_script(GCRA_SCRIPT)
        # EVALSHA, and EVAL once when the server does not know the script yet.
        args = script_args(op, interval_us=self._interval_us, burst=self._burst, extra=extra)
        reply = GcraReply.parse(await self._script(keys=[self.key], args=args))
        if reply.seq > self._seq:
            # A hold this worker had not heard of (a 429 anywhere in the fleet).
            self._seq = reply.seq
            self._hold_until = self._clock() + reply.hold_left
        if self._outage:
            self._outage = False
            logger.warning("rate limiter: Redis is back; workers share the budget again")
        return reply

    def _backend_failed(self, exc: Exception) -> None:
        if self.spec.on_backend_error == "raise":
            raise APIConnectionError(
                f"the shared rate limiter cannot reach Redis: {type(exc).__name__}: "
                f"{str(exc)[:200]}"
            ) from exc
        self._local_until = self._clock() + BACKEND_RETRY_AFTER
        if not self._outage:
            self._outage = True
            logger.warning(
                "rate limiter: Redis unreachable (%s); this worker keeps to its own "
                "in-process budget until it is back",
                type(exc).__name__,
            )

    def _on_fallback(self) -> bool:
        return self._clock() < self._local_until

    async def acquire(self) -> Grant:
        """Reserve a slot of the shared budget and wait for it."""
        import redis.exceptions

        _require_asyncio()  # async-only

        while True:
            if self._on_fallback():
                grant = await self.fallback.acquire()
                return Grant(at=grant.at, wall=grant.wall, probe=grant.probe, ticket=grant)
            try:
                reply = await self._call("acquire", round(PROBE_POLL * 1e6))
            except (redis.exceptions.RedisError, OSError) as exc:
                self._backend_failed(exc)
                continue
            if not reply.reserved:
                await self._sleep(reply.wait)  # another worker probes for the burst
                continue
            wait = reply.wait
            try:
                while wait > 0:
                    await self._sleep(wait)
                    # A hold that came after the reservation (the slot already respects
                    # those before it), heard of meanwhile by any reply to this worker: the
                    # slot may fall inside it, so not before its end.
                    wait = self._hold_until - self._clock() if self._seq > reply.seq else 0.0
            except BaseException:
                async with _primitives.async_shield():
                    await self._refund(reply.seq)
                raise
            return Grant(at=self._clock(), wall=self._wall_clock())

    async def _refund(self, seq: int) -> None:
        import redis.exceptions

        # Unreachable, the slot is lost: a later request waits one interval more, no more.
        with contextlib.suppress(redis.exceptions.RedisError, OSError):
            await self._call("refund", seq)

    async def observe(self, grant: Grant, observation: RateLimitObservation) -> None:
        """Tell the shared budget what the server said (headers tighten; a 429 holds)."""
        import redis.exceptions

        if isinstance(grant.ticket, Grant):
            self.fallback.observe_now(grant.ticket, observation)
            return
        try:
            await self._call("observe", *observe_args(observation))
        except (redis.exceptions.RedisError, OSError) as exc:
            # The call itself was answered: whatever the policy, losing Redis now must not
            # fail it. The next acquire finds out (and falls back, or raises).
            logger.warning(
                "rate limiter: could not report an answer to Redis (%s)", type(exc).__name__
            )
            self.fallback.observe_now(grant, observation)

    def abandon(self, grant: Grant) -> None:
        if isinstance(grant.ticket, Grant):
            self.fallback.abandon(grant.ticket)

    async def aclose(self) -> None:
        if self._owns_client and self._redis is not None:
            client, self._redis, self._script = self._redis, None, None
            await client.aclose()
