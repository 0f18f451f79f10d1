"""The rate limiters' vocabulary and the shared budget's arithmetic (sans-I/O).

A rate limiter (``tokportal.ratelimit``) hands each attempt a :class:`Grant`, is told what the
server answered (:class:`RateLimitObservation`) and forgets a grant whose attempt got no
answer. The in-process limiter does the token arithmetic of ``_core.throttle``; the Redis one
runs :data:`GCRA_SCRIPT` on the Redis server, so every worker of a fleet draws on one budget.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import attrs

from .api_response import RateLimitInfo

BackendErrorPolicy = Literal["local", "raise"]
Op = Literal["acquire", "refund", "observe"]

# Seconds a worker that lost Redis keeps to its in-process bucket before it tries Redis again.
BACKEND_RETRY_AFTER = 5.0
# Seconds between asks while another worker's request is out to learn the burst.
PROBE_POLL = 0.01
# Seconds one round trip to Redis may take (connect, or a reply) before Redis counts as lost.
BACKEND_TIMEOUT = 1.0
# A budget nobody used for this long (after its schedule and hold ran out) is deleted.
IDLE_EXPIRY_MS = 10 * 60 * 1000
# The key of a budget: this prefix and a hash of (base URL, API key), never the key itself.
KEY_PREFIX = "tokportal:ratelimit:"


@attrs.frozen
class Grant:
    """A go from a rate limiter for one attempt.

    ``at`` and ``wall`` are when it was given on the transport's monotonic and wall clocks;
    ``probe`` is true when the attempt carries the limiter's probe (the in-process bucket
    sends one request alone until a response tells it the burst); ``ticket`` is the
    limiter's own record of the grant, opaque to the transport.
    """

    at: float = 0.0
    wall: float = 0.0
    probe: bool = False
    ticket: Any = None


@attrs.frozen
class RateLimitObservation:
    """What one response says about the key's budget.

    ``rate_limit`` holds its ``X-RateLimit-*`` headers (None when it had none); ``retry_after``
    is set on a 429 only: the seconds the server asked everyone to wait.
    """

    status_code: int
    rate_limit: RateLimitInfo | None = None
    retry_after: float | None = None


def _redact_url(url: str) -> str:
    """The URL without its password (rule 6: a Redis password is a secret too)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


@attrs.frozen(kw_only=True)
class RedisRateLimiter:
    """One request budget per API key, shared through Redis by every worker that uses it.

    Give it as ``rate_limiter=`` to :class:`~tokportal.AsyncTokPortal` or
    :class:`~tokportal.TokPortal` (it needs ``pip install 'tokportal-sdk[redis]'``); each
    client opens its own connection pool (``redis.asyncio`` or ``redis``) and closes it with
    the client. Build it with :meth:`from_url`.
    """

    url: str = attrs.field(repr=_redact_url)
    namespace: str | None = None
    rate_limit: float | None = attrs.field(default=None)
    burst: int | None = attrs.field(default=None)
    on_backend_error: BackendErrorPolicy = attrs.field(default="local")
    timeout: float = BACKEND_TIMEOUT

    @on_backend_error.validator
    def _check_policy(self, _: object, value: str) -> None:
        if value not in ("local", "raise"):
            raise ValueError(f'on_backend_error must be "local" or "raise", got {value!r}')

    @rate_limit.validator
    def _check_rate(self, _: object, value: float | None) -> None:
        if value is not None and (not value > 0 or math.isinf(value)):
            raise ValueError(f"rate_limit must be a positive number per minute, got {value}")

    @burst.validator
    def _check_burst(self, _: object, value: int | None) -> None:
        if value is not None and value < 1:
            raise ValueError(f"burst must be at least 1, got {value}")

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        namespace: str | None = None,
        rate_limit: float | None = None,
        burst: int | None = None,
        on_backend_error: BackendErrorPolicy = "local",
        timeout: float = BACKEND_TIMEOUT,
    ) -> RedisRateLimiter:
        """A limiter on the Redis at ``url`` (``redis://``, ``rediss://`` or ``unix://``).

        ``namespace`` names the budget; by default it is derived from the client's API key
        and base URL by a hash, so workers on one key share a budget without the key being
        stored. ``rate_limit`` (requests per minute) and ``burst`` default to the client's
        ``rate_limit`` and ``rate_limit_burst``; the server's ``X-RateLimit-*`` headers only
        ever tighten them. When Redis cannot be reached within ``timeout`` seconds,
        ``on_backend_error="local"`` keeps going on the in-process bucket (one WARNING) and
        tries Redis again a few seconds later; ``"raise"`` fails the call with an
        ``APIConnectionError``.
        """
        return cls(
            url=url,
            namespace=namespace,
            rate_limit=rate_limit,
            burst=burst,
            on_backend_error=on_backend_error,
            timeout=timeout,
        )

    def budget_key(self, *, api_key: str, base_url: str) -> str:
        """The Redis key of the budget a client with this key and base URL draws on."""
        if self.namespace is not None:
            return KEY_PREFIX + self.namespace
        # A hash, not the key: whoever reads Redis learns nothing usable. The base URL is in
        # it because a key's budget is per server (the emulator's is not production's).
        digest = hashlib.sha256(f"{base_url}\n{api_key}".encode()).hexdigest()
        return KEY_PREFIX + digest[:32]


# GCRA (the generic cell rate algorithm) with reservations, on Redis's clock. The budget is
# one hash: ``tat`` (the theoretical arrival time: when the bucket would be full again),
# ``interval`` (microseconds per request), ``burst`` (0 while unknown), ``hold`` (nobody sends
# before it: a 429's Retry-After; every reply says how far off it is, so a waiter that wakes
# inside a hold it heard of waits for its end) and ``seq`` (how many holds so far: a cancelled
# waiter's slot goes back only if no hold came since). Times are microseconds
# of Redis's TIME, so no worker's clock enters the arithmetic; replies are whole microseconds
# (Lua numbers come back as integers). Every worker gives its own rate and burst: the slowest
# interval and the smallest burst win, and the server's headers only lower the burst and push
# ``tat`` later.
#
# While the burst is unknown, one request at a time goes (the probe: its answer tells the
# burst) and the others poll: a reply with a negative wait means "nothing reserved, ask again
# after that many microseconds".
#
# KEYS[1]: the budget. ARGV: op, interval_us, burst (0: unknown), then
#   acquire: poll_us                -> {wait_us, seq, hold_left_us}
#   refund:  seq of the reservation -> the same (the slot goes back unless a hold came since)
#   observe: limit (0: none), remaining (-1: none), retry_after_us (-1: not a 429)
GCRA_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local op = ARGV[1]
local s = redis.call('HMGET', KEYS[1], 'tat', 'interval', 'burst', 'hold', 'seq', 'last')
local tat = tonumber(s[1]) or 0
local interval = math.max(tonumber(s[2]) or 0, tonumber(ARGV[2]))
local burst = tonumber(s[3]) or 0
local hold = tonumber(s[4]) or 0
local seq = tonumber(s[5]) or 0
local given = tonumber(ARGV[3])
if given > 0 and (burst == 0 or given < burst) then burst = given end
local wait = 0
if op == 'observe' then
  local limit = tonumber(ARGV[4])
  if limit > 0 and (burst == 0 or limit < burst) then
    burst = limit
  elseif burst == 0 then
    -- The server reports no burst: allow one minute's worth, as the in-process bucket does.
    burst = math.max(1, math.floor(60000000 / interval))
  end
end
-- A burst of ten or more sent at once queues on its way in, and the server's bucket, full
-- meanwhile, wastes its refill: its requests go at most four times faster than the rate (the
-- schedule ends at the same time: the bucket refills meanwhile), and a tenth of it is kept
-- in reserve (against requests delayed on their way by more than the pacing absorbs).
local headroom = 0
local pace = 0
if burst >= 10 then
  headroom = math.floor(burst / 10)
  pace = math.floor(interval / 4)
end
local last = tonumber(s[6]) or 0
local tolerance = (math.max(burst, 1) - 1 - headroom) * interval
if op == 'acquire' then
  if burst == 0 and tat > now then
    -- Someone's request is out to learn the burst: ask again shortly, nothing reserved.
    wait = -tonumber(ARGV[4])
  else
    local start = math.max(tat, now)
    local send = math.max(start - tolerance, now, hold)
    if pace > 0 then send = math.max(send, last + pace) end
    tat = math.max(start, send) + interval
    last = send
    wait = send - now
  end
elseif op == 'refund' then
  if tonumber(ARGV[4]) == seq and tat > now then tat = tat - interval end
elseif op == 'observe' then
  local remaining = tonumber(ARGV[5])
  local retry = tonumber(ARGV[6])
  if remaining >= 0 then
    tat = math.max(tat, now + (math.max(burst, 1) - remaining) * interval)
  end
  if retry >= 0 then
    -- Nobody goes before the hold's end: a waiter whose slot falls inside it waits for its
    -- end (the server refills meanwhile, about one token per slot so displaced). The slot
    -- the refused request took stays taken: the budget was a token short.
    hold = math.max(hold, now + retry)
    seq = seq + 1
    tat = math.max(tat, now + (math.max(burst, 1) - math.max(remaining, 0)) * interval)
  end
end
redis.call('HSET', KEYS[1], 'tat', tat, 'interval', interval, 'burst', burst,
  'hold', hold, 'seq', seq, 'last', last)
redis.call('PEXPIRE', KEYS[1],
  math.floor(math.max(tat - now, hold - now, 0) / 1000) + tonumber(ARGV[#ARGV]))
return {wait, seq, math.max(hold - now, 0)}
"""


def script_args(
    op: Op,
    *,
    interval_us: int,
    burst: int | None,
    extra: tuple[int, ...] = (),
) -> list[int | str]:
    """The ARGV of one :data:`GCRA_SCRIPT` call (the idle expiry goes last)."""
    return [op, interval_us, burst or 0, *extra, IDLE_EXPIRY_MS]


def observe_args(observation: RateLimitObservation) -> tuple[int, int, int]:
    """The ``observe`` operands: limit, remaining, retry-after in microseconds."""
    info = observation.rate_limit
    limit = info.limit if info is not None and info.limit is not None else 0
    remaining = info.remaining if info is not None and info.remaining is not None else -1
    retry = -1
    if observation.status_code == 429 and observation.retry_after is not None:
        retry = max(0, math.ceil(observation.retry_after * 1_000_000))
    return max(0, limit), remaining, retry


@attrs.frozen
class GcraReply:
    """The script's answer, in seconds."""

    wait: float
    seq: int
    hold_left: float
    reserved: bool = True  # False: nobody knows the burst yet; ask again after ``wait``

    @classmethod
    def parse(cls, reply: Any) -> GcraReply:
        wait_us, seq, hold_us = (int(x) for x in reply)
        return cls(
            wait=abs(wait_us) / 1e6,
            seq=seq,
            hold_left=max(0, hold_us) / 1e6,
            reserved=wait_us >= 0,
        )
