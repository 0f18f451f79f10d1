"""Token-bucket arithmetic for the client-side throttle (time is passed in).

One bucket is shared by every concurrent call on a client. A call *takes* a token and gets a
:class:`Ticket`: tokens may go negative, which queues later callers behind earlier ones, so a
burst of concurrent calls is spread at the rate instead of earning 429s. A ticket names the
point in the bucket's cumulative supply at which its token exists (``due``), not a time, so a
waiter that wakes up after the schedule changed (a 429 held everyone back, the rate was cut)
asks :meth:`TokenBucket.wait_for` again and lands on the new schedule. A waiter that gives up
(cancelled) hands its token back (:meth:`TokenBucket.refund`).

The server corrects the bucket (API.md 1.7: ``X-RateLimit-Limit`` is the capacity,
``-Remaining`` the whole tokens left, ``-Reset`` the Unix second at which the bucket is full
again):

- the capacity (the burst) is learnt from ``X-RateLimit-Limit``, and the tokens never exceed
  what the server says remains; until the first response teaches the burst, one request at
  a time goes out (the *probe*);
- the refill rate starts at the configured one and only ever goes down from it: a 429 for a
  request paced at the current rate cuts the rate (to the upper bound of the server's rate
  that the 429 proves, and at least by ``RATE_CUT``; once per round: 429s for requests sent
  before the cut say nothing new), and every answered request gives a lower bound of the
  server's rate from ``X-RateLimit-Reset`` (:meth:`TokenBucket.observe_reset`): the rate is
  never cut below it, and rises to it. With a bucket of one the server banks nothing, so
  the next token goes a full interval after the last one handed out.

Against a key at 30/min with a burst of one, a client at the default 120/min spends two or
three 429s learning and then keeps to within a few per cent of the server's schedule
(``benchmarks/throttle.py``, tests/test_throttle_concurrency.py).
"""

from __future__ import annotations

import math

import attrs

# How long a caller waits before asking again while the first (probe) response is awaited.
PROBE_POLL_INTERVAL = 0.01
# A 429 for a request paced at the current rate multiplies the rate by this, at least.
RATE_CUT = 0.75
# An X-RateLimit-Reset this far in the past is not Unix seconds (whatever the clocks' skew).
NOT_UNIX_TIME = 86_400.0
# The rate is never cut below this (tokens per second): one request a minute.
MIN_RATE = 1.0 / 60.0


@attrs.frozen
class Ticket:
    """What :meth:`TokenBucket.take` granted.

    ``due`` is None when no token was taken: the caller holds the probe (``probe``) and may
    send now, or must ask again after ``wait`` seconds while someone else probes.
    """

    wait: float
    due: float | None = None
    probe: bool = False


@attrs.define
class _Window:
    """Responses counted since ``opened`` (monotonic) for :meth:`TokenBucket.observe_reset`."""

    first_reset: float
    opened: float
    served: int = 0
    last_reset: float | None = None


@attrs.define(kw_only=True)
class TokenBucket:
    rate: float  # tokens per second, now
    capacity: float | None  # the burst; None until configured or learnt from the server
    tokens: float = 0.0
    updated: float | None = None  # monotonic time of the last refill
    probe_in_flight: bool = False
    max_rate: float = attrs.field()  # the configured rate: never exceeded
    supplied: float = 0.0  # tokens added by refills so far (tickets are due at a level of it)
    hold_until: float = -math.inf  # no refill before this (a 429's Retry-After)
    floor_rate: float = 0.0  # a proven lower bound of the server's refill rate
    cut_at: float = -math.inf  # when the rate was last cut
    floor_since: float = -math.inf  # only requests sent after this feed ``floor_rate``
    window: _Window | None = None
    last_grant: float = -math.inf  # when the last token was handed out
    drained_at: float | None = None  # when the last request that emptied the bucket was sent

    @max_rate.default
    def _max_rate_default(self) -> float:
        return self.rate

    @classmethod
    def per_minute(cls, requests_per_minute: float, burst: int | None = None) -> TokenBucket:
        if not requests_per_minute > 0 or math.isinf(requests_per_minute):
            raise ValueError(
                f"rate limit must be a positive number of requests per minute, "
                f"got {requests_per_minute}"
            )
        if burst is not None and burst < 1:
            raise ValueError(f"burst must be at least 1, got {burst}")
        capacity = float(burst) if burst is not None else None
        return cls(rate=requests_per_minute / 60.0, capacity=capacity, tokens=capacity or 0.0)

    def _refill(self, now: float) -> None:
        if self.updated is not None and self.capacity is not None:
            start = max(self.updated, self.hold_until)
            added = min(max(0.0, now - start) * self.rate, max(0.0, self.capacity - self.tokens))
            self.tokens += added
            self.supplied += added
        self.updated = now if self.updated is None else max(self.updated, now)

    def take(self, now: float) -> Ticket:
        """Take a token (or the probe) for a request about to go out."""
        if self.capacity is None:
            if self.probe_in_flight:
                return Ticket(PROBE_POLL_INTERVAL)
            self.probe_in_flight = True
            self.updated = now
            return Ticket(0.0, probe=True)
        self._refill(now)
        self.tokens -= 1.0
        due = self.supplied + max(0.0, -self.tokens)
        return Ticket(self._wait_until(due, now), due=due)

    def wait_for(self, due: float, now: float) -> float:
        """Seconds still to wait for the token of a ticket; 0 when it may go."""
        self._refill(now)
        return self._wait_until(due, now)

    def _wait_until(self, due: float, now: float) -> float:
        # A whisker of slack: float sums must not cost a sleep of a few nanoseconds.
        missing = due - self.supplied
        wait = 0.0 if missing <= 1e-9 else max(0.0, self.hold_until - now) + missing / self.rate
        if self.capacity is not None and self.capacity < 2.0:
            # A bucket of one cannot bank the time a late request lost: the next one goes a
            # full interval after it, not on the schedule the late one missed.
            wait = max(wait, self.last_grant + 1.0 / self.rate - now)
        if wait <= 1e-9:
            self.last_grant = now
            return 0.0
        return wait

    def nap(self, wait: float) -> float:
        """How long a waiter sleeps before it asks again (:meth:`wait_for`).

        The whole ``wait`` when it is two token intervals or less, else half of it: a rate
        that went up meanwhile (a better floor) then brings far waiters forward too, for a
        few wake-ups each (the halvings of their wait).
        """
        return wait if wait <= 2.0 / self.rate else wait / 2.0

    def reserve(self, now: float) -> float:
        """Take a token; return how many seconds to wait before using it.

        A positive wait while the burst is still unknown means "ask again" (nothing was
        taken); otherwise the token is taken and the wait is final unless the schedule
        changes (see :meth:`take`).
        """
        return self.take(now).wait

    def refund(self, now: float) -> None:
        """A caller gave up waiting for its token: it goes back, for the next caller."""
        if self.capacity is None:
            return
        self._refill(now)
        self.tokens = min(self.capacity, self.tokens + 1.0)

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
            self.tokens = min(self.tokens, self.capacity)
            return
        if limit is not None and limit >= 1 and limit < self.capacity:
            self.capacity = float(limit)
            self.tokens = min(self.tokens, self.capacity)
        if remaining is not None and remaining < self.tokens:
            self.tokens = float(remaining)

    def observe_reset(
        self,
        *,
        limit: int | None,
        remaining: int | None,
        reset: int,
        sent_wall: float,
        sent_at: float,
        now: float,
    ) -> None:
        """Learn a lower bound of the server's refill rate from an answered request.

        ``reset`` is its ``X-RateLimit-Reset`` (the server's full time F, rounded up to a
        whole second), ``sent_wall`` and ``sent_at`` the wall-clock and monotonic times the
        request was sent (before the server counted it). Two bounds, the better one wins:

        - one response: with ``remaining`` whole tokens left of ``limit``, more than
          ``limit - remaining - 1`` tokens are missing, exactly one when ``remaining ==
          limit - 1`` (the bucket was full before this request); they come back within
          ``reset - sent_wall`` seconds;
        - a window of responses (no clock shared with the server needed): every request
          served moves F by ``1 / rate`` or more, so ``k`` requests sent after the window's
          first answer moved it at least ``k / rate`` seconds, less than the distance
          between their resets plus one second of rounding.
        """
        if limit is None or remaining is None or limit < 1 or sent_at < self.floor_since:
            return
        if reset < sent_wall - NOT_UNIX_TIME:
            return  # a server sending seconds-from-now: nothing to learn from it
        bounds = []
        full_in = reset - sent_wall
        if full_in > 0:
            missing = 1.0 if remaining >= limit - 1 else float(limit - remaining - 1)
            bounds.append(missing / full_in)
        if self.window is None:
            self.window = _Window(first_reset=reset, opened=now)
        elif sent_at >= self.window.opened:
            self.window.served += 1
            self.window.last_reset = max(self.window.last_reset or reset, reset)
            span = self.window.last_reset - self.window.first_reset + 1.0
            bounds.append(self.window.served / span)
        bound = min(max(bounds, default=0.0), self.max_rate)
        if bound > self.floor_rate:
            self.floor_rate = bound
            self._set_rate(max(self.rate, bound), now)

    def served(self, *, remaining: int | None, sent_at: float) -> None:
        """A request sent at ``sent_at`` was served and left ``remaining`` whole tokens."""
        if remaining is not None and remaining < 1:
            self.drained_at = max(self.drained_at or sent_at, sent_at)

    def _set_rate(self, rate: float, now: float) -> None:
        self._refill(now)  # the tokens so far accrued at the old rate
        self.rate = min(self.max_rate, rate)

    def penalize(self, wait: float, now: float, *, sent_at: float | None = None) -> None:
        """After a 429: nobody sends before ``wait`` seconds have passed.

        The server said it has a token again after ``wait``; the first one in line gets it
        then. With ``sent_at`` (when the refused request was sent), the 429 is also taken as
        proof that the rate is too high, unless the request was sent before the last cut;
        the rate is cut to the best upper bound of the server's rate the 429 gives, and at
        least by ``RATE_CUT``, but never below the proven floor.
        """
        self._refill(now)
        if sent_at is not None and sent_at >= self.cut_at:
            if self.rate <= self.floor_rate:
                # Refused while paced at the proven floor: the floor is wrong (the server
                # changed its rate, another client shares the key) or the network delayed
                # one request and not the next. Lower it, and learn it again from here.
                self.floor_rate *= RATE_CUT
                self.floor_since = now
            rate = self.rate * RATE_CUT
            if self.drained_at is not None and sent_at > self.drained_at:
                # Less than one token was left when the bucket was last drained; ``gap``
                # later it still lacked a token for ``wait`` (rounded up to a whole second)
                # more: one token takes longer than ``gap + wait - 1`` seconds.
                interval = (sent_at - self.drained_at) + max(0.0, math.ceil(wait) - 1.0)
                rate = min(rate, 1.0 / interval)
            self.rate = max(self.floor_rate, rate, min(MIN_RATE, self.max_rate))
            self.cut_at = now
        # The hold leaves the server idle: a window spanning it would understate the rate.
        self.window = None
        if self.tokens >= 0:
            self.tokens = 0.0
        else:
            # Waiters are queued: what the first of them accrued so far is void, as the
            # server has no token before ``wait``; everyone's due moves by as much.
            behind = -self.tokens
            void = 1.0 - (behind - (math.ceil(behind) - 1.0))
            self.tokens -= void
            self.supplied -= void
        self.hold_until = max(self.hold_until, now + max(0.0, wait) - 1.0 / self.rate)

    def abandon_probe(self) -> None:
        """The probe got no response: let the next caller probe."""
        self.probe_in_flight = False
