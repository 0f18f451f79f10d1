"""One protocol table (tests/cases/rate_limiters.py) against every rate limiter, through the
client: the in-process bucket, the Redis budget on fakeredis, and on a real ``redis-server``
(skipped, saying why, where the binary is missing). Then what only the Redis budget does:
one budget for several clients, its key, losing Redis."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import anyio
import fakeredis
import httpx
import pytest

from tests.cases.rate_limiters import CASES, INTERVAL, RATE, TOLERANCE, Interrupt, LimiterCase
from tests.farend import async_deadline
from tests.helpers import API_KEY, FakeClock
from tokportal import AsyncTokPortal
from tokportal._async.ratelimit import AsyncRedisLimiter
from tokportal.errors import APIConnectionError, RateLimitError, TokPortalError
from tokportal.ratelimit import AsyncRateLimiter, RedisRateLimiter

pytestmark = pytest.mark.anyio

BASE_URL = "https://api.test"
KINDS = ("in-process", "redis on fakeredis", "redis on redis-server")


# async-only
@pytest.fixture
def anyio_backend() -> str:
    """asyncio only: redis-py's async client runs on asyncio (the in-process bucket meets
    trio in the other throttle tests)."""
    return "asyncio"


class TableSleep:
    """The client's sleep: moves the fake clock (see tests/cases/rate_limiters.py) and, when
    told, interrupts the next wait instead."""

    def __init__(self, clock: FakeClock, *, redis_clock: bool) -> None:
        self.clock = clock
        self.redis_clock = redis_clock
        self.start = clock.now
        self.real_start = time.monotonic()
        self.interrupt_next = False
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        if self.interrupt_next:
            self.interrupt_next = False
            raise Interrupt
        self.waits.append(seconds)
        if self.redis_clock:
            # Redis reserved a slot ``seconds`` after its own now: real time, not ours.
            real = self.start + (time.monotonic() - self.real_start) + seconds
            self.clock.now = max(self.clock.now, real)
        else:
            self.clock.record(seconds)


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fake_redis_server() -> fakeredis.FakeServer:
    return fakeredis.FakeServer()


def _spec(url: str, **options: Any) -> RedisRateLimiter:
    # A budget of its own per test: the server lives for the whole session.
    return RedisRateLimiter.from_url(url, namespace=f"test-{uuid.uuid4().hex}", **options)


@pytest.fixture
async def limiter_for(
    kind: str, request: pytest.FixtureRequest, fake_redis_server: fakeredis.FakeServer
) -> AsyncIterator[Any]:
    """Makes the ``rate_limiter=`` of a client of ``kind`` (None: the default bucket)."""
    made: list[AsyncRedisLimiter] = []

    def make(sleep: TableSleep, clock: FakeClock, burst: int | None) -> Any:
        if kind == "in-process":
            return None
        if kind == "redis on redis-server":
            return _spec(request.getfixturevalue("redis_server_url"))
        limiter = _redis_limiter(
            fake_redis_server, sleep, burst=burst, clock=clock, spec=_spec("redis://fakeredis")
        )
        made.append(limiter)
        return limiter

    yield make
    for limiter in made:
        await limiter.aclose()


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
async def test_the_protocol_table(kind: str, limiter_for: Any, case: LimiterCase) -> None:
    clock = FakeClock()
    sleep = TableSleep(clock, redis_clock=kind != "in-process")
    went: list[float] = []
    replies = [call.reply() for call in case.calls if not call.interrupted]

    def handler(request: httpx.Request) -> httpx.Response:
        went.append(clock.now - sleep.start)
        return replies.pop(0)

    async with async_deadline(20):
        async with AsyncTokPortal(
            api_key=API_KEY,
            base_url=BASE_URL,
            transport=httpx.MockTransport(handler),
            sleep=sleep,
            clock=clock,
            max_retries=0,
            rate_limit=RATE,
            rate_limit_burst=case.burst,
            rate_limiter=limiter_for(sleep, clock, case.burst),
        ) as client:
            expected: list[tuple[float, float]] = []
            for call in case.calls:
                if call.interrupted:
                    sleep.interrupt_next = True
                    with pytest.raises(Interrupt):
                        await client.me.get()
                    assert not sleep.interrupt_next  # it did wait, and was interrupted
                    continue
                assert call.went is not None
                expected.append(call.went)
                if call.retry_after is not None:
                    with pytest.raises(RateLimitError):
                        await client.me.get()
                else:
                    await client.me.get()
    assert len(went) == len(expected)  # an interrupted call sent nothing
    for number, (sent, (earliest, latest)) in enumerate(zip(went, expected, strict=True), 1):
        assert earliest <= sent <= latest, (number, went)


def _redis_limiter(
    server: fakeredis.FakeServer,
    sleep: Any,
    *,
    api_key: str = API_KEY,
    burst: int | None = 2,
    clock: FakeClock | None = None,
    spec: RedisRateLimiter | None = None,
) -> AsyncRedisLimiter:
    return AsyncRedisLimiter(
        spec or RedisRateLimiter.from_url("redis://fakeredis"),
        api_key=api_key,
        base_url=BASE_URL,
        rate_limit=RATE,
        burst=burst,
        sleep=sleep,
        clock=clock,
        client=fakeredis.FakeAsyncRedis(server=server),
    )


async def test_clients_on_one_key_share_one_budget(
    fake_redis_server: fakeredis.FakeServer,
) -> None:
    """Two workers, each with its own client and connection: the second finds the burst
    spent by the first, and waits its turn on the shared schedule."""
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    first = _redis_limiter(fake_redis_server, sleep)
    second = _redis_limiter(fake_redis_server, sleep)
    other_key = _redis_limiter(fake_redis_server, sleep, api_key="tp_live_other_key_000000")
    async with async_deadline(10):
        await first.acquire()
        await first.acquire()  # the burst of two is spent
        assert waits == []
        await other_key.acquire()  # another key, another budget: no wait
        assert waits == []
        await second.acquire()
        await first.acquire()
    assert waits == [
        pytest.approx(INTERVAL, abs=TOLERANCE),
        pytest.approx(2 * INTERVAL, abs=TOLERANCE),
    ]
    for limiter in (first, second, other_key):
        await limiter.aclose()


async def test_the_budget_key_is_a_hash_and_never_holds_the_api_key(
    fake_redis_server: fakeredis.FakeServer,
) -> None:
    async def sleep(seconds: float) -> None:
        pass

    limiter = _redis_limiter(fake_redis_server, sleep)
    await limiter.acquire()
    raw = fakeredis.FakeAsyncRedis(server=fake_redis_server)
    keys = await raw.keys("*")
    assert keys == [limiter.key.encode()]
    assert limiter.key.startswith("tokportal:ratelimit:")
    stored = await raw.hgetall(limiter.key)
    assert set(stored) == {b"tat", b"interval", b"burst", b"hold", b"seq", b"last"}
    assert API_KEY not in limiter.key
    assert not any(API_KEY.encode() in value for value in stored.values())
    ttl = await raw.pttl(limiter.key)
    assert 0 < ttl <= 11 * 60 * 1000  # an idle budget does not stay behind forever
    await raw.aclose()
    await limiter.aclose()


async def test_a_429_anywhere_holds_a_waiter_that_reserved_before_it(
    fake_redis_server: fakeredis.FakeServer,
) -> None:
    """A call reserved a slot 10 s away and sleeps; another call of this worker meets a 429
    meanwhile (Retry-After 40 s). The sleeper wakes inside the hold, and waits for its end
    instead of sending into it."""
    from tokportal.ratelimit import Grant, RateLimitObservation

    clock = FakeClock()
    limiter: AsyncRedisLimiter | None = None

    async def sleep(seconds: float) -> None:
        if not clock.sleeps:  # the 429 arrives as the sleep begins
            assert limiter is not None
            await limiter.observe(Grant(), RateLimitObservation(429, None, 40.0))
        clock.record(seconds)

    limiter = _redis_limiter(fake_redis_server, sleep, burst=1, clock=clock)
    async with async_deadline(10):
        await limiter.acquire()
        await limiter.acquire()  # reserved at +10 s; the 429 came while it slept
    assert clock.sleeps == [
        pytest.approx(INTERVAL, abs=TOLERANCE),
        pytest.approx(30.0, abs=TOLERANCE),  # the rest of the hold
    ]
    await limiter.aclose()


async def test_while_the_burst_is_unknown_one_request_probes_and_the_others_poll(
    fake_redis_server: fakeredis.FakeServer,
) -> None:
    from tokportal._core.ratelimit import PROBE_POLL
    from tokportal.ratelimit import Grant, RateLimitInfo, RateLimitObservation

    waits: list[float] = []
    limiter: AsyncRedisLimiter | None = None

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 1:  # the probe's answer arrives while the second call polls
            assert limiter is not None
            info = RateLimitInfo(limit=5, remaining=4, reset=None)
            await limiter.observe(Grant(), RateLimitObservation(200, info))

    limiter = _redis_limiter(fake_redis_server, sleep, burst=None)
    async with async_deadline(10):
        await limiter.acquire()  # the probe goes at once
        for _ in range(4):  # the other four of the burst the answer told
            await limiter.acquire()
        assert waits == [pytest.approx(PROBE_POLL)]  # asked again once, reserved nothing
        await limiter.acquire()
    assert waits[1:] == [pytest.approx(INTERVAL, abs=TOLERANCE)]
    await limiter.aclose()


# async-only
@pytest.mark.parametrize("anyio_backend", ["trio"])
async def test_under_trio_the_redis_limiter_says_it_needs_asyncio(
    fake_redis_server: fakeredis.FakeServer,
) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"data": {}})

    async with AsyncTokPortal(
        api_key=API_KEY,
        base_url=BASE_URL,
        transport=httpx.MockTransport(handler),
        rate_limit=RATE,
        rate_limiter=RedisRateLimiter.from_url("redis://127.0.0.1:1/0"),
    ) as client:
        with anyio.fail_after(10), pytest.raises(TokPortalError, match="needs asyncio"):
            await client.me.get()
    assert sent == []


async def test_a_burst_of_ten_or_more_is_paced_and_keeps_one_token_in_reserve(
    fake_redis_server: fakeredis.FakeServer,
) -> None:
    """A burst of 20: its slots come four times faster than the rate, and the rate takes
    over from the 20th slot after the first (not the 18th: two tokens stay in reserve)."""
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    limiter = _redis_limiter(fake_redis_server, sleep, burst=20)
    async with async_deadline(10):
        for _ in range(30):
            await limiter.acquire()
    expected = [max(k * INTERVAL / 4, (k - 17) * INTERVAL) for k in range(1, 30)]
    assert waits == [pytest.approx(wait, abs=TOLERANCE) for wait in expected]
    await limiter.aclose()


async def test_a_cancelled_waiter_hands_its_slot_back(  # async-only
    fake_redis_server: fakeredis.FakeServer,
) -> None:
    """A real cancellation (a cancel scope) reaching a waiter: the hand-back round trip is
    shielded, so the slot goes back to the shared budget."""
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await anyio.sleep_forever()

    limiter = _redis_limiter(fake_redis_server, sleep, burst=1)
    with anyio.fail_after(10):
        await limiter.acquire()
        async with anyio.create_task_group() as group:
            for _ in range(5):
                group.start_soon(limiter.acquire)
            await anyio.wait_all_tasks_blocked()
            assert len(waits) == 5  # five reservations, 10 to 50 s away ...
            group.cancel_scope.cancel()
        waits.clear()

        async def no_sleep(seconds: float) -> None:
            waits.append(seconds)

        limiter._sleep = no_sleep
        await limiter.acquire()
    # ... all handed back: the next one waits one interval, not six.
    assert waits == [pytest.approx(INTERVAL, abs=TOLERANCE)]
    await limiter.aclose()


@pytest.fixture
def unreachable_redis() -> str:
    """A URL where no Redis listens (a port just freed)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


async def test_losing_redis_falls_back_to_the_local_bucket_with_one_warning(
    unreachable_redis: str, caplog: pytest.LogCaptureFixture
) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"data": {"email": "a@b.c", "credits": 3}})

    caplog.set_level(logging.WARNING, logger="tokportal")
    async with async_deadline(20):
        async with AsyncTokPortal(
            api_key=API_KEY,
            base_url=BASE_URL,
            transport=httpx.MockTransport(handler),
            rate_limit=600,
            rate_limit_burst=5,
            rate_limiter=RedisRateLimiter.from_url(unreachable_redis, timeout=0.5),
        ) as client:
            for _ in range(3):
                await client.me.get()
    assert len(sent) == 3
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "Redis unreachable" in warnings[0].getMessage()
    assert API_KEY not in caplog.text


async def test_losing_redis_with_raise_fails_the_call_before_sending(
    unreachable_redis: str,
) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"data": {}})

    spec = RedisRateLimiter.from_url(unreachable_redis, on_backend_error="raise", timeout=0.5)
    async with async_deadline(20):
        async with AsyncTokPortal(
            api_key=API_KEY,
            base_url=BASE_URL,
            transport=httpx.MockTransport(handler),
            rate_limit=600,
            rate_limiter=spec,
        ) as client:
            with pytest.raises(APIConnectionError, match="cannot reach Redis"):
                await client.me.get()
    assert sent == []


async def test_a_limiter_given_is_the_callers_to_close_and_shared_by_copies(
    fake_redis_server: fakeredis.FakeServer,
) -> None:
    closed: list[bool] = []

    class Counting:
        """A limiter of the user's own, on the protocol: counts what the client asks."""

        def __init__(self) -> None:
            self.acquired = 0
            self.observed: list[int] = []

        async def acquire(self) -> Any:
            from tokportal.ratelimit import Grant

            self.acquired += 1
            return Grant()

        async def observe(self, grant: Any, observation: Any) -> None:
            self.observed.append(observation.status_code)

        def abandon(self, grant: Any) -> None:
            raise AssertionError("every attempt here is answered")

        async def aclose(self) -> None:
            closed.append(True)

    mine = Counting()
    protocol: AsyncRateLimiter = mine  # it satisfies the protocol (mypy checks this line)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": {"email": "a@b.c", "credits": 3}})

    async with async_deadline(10):
        async with AsyncTokPortal(
            api_key=API_KEY,
            base_url=BASE_URL,
            transport=httpx.MockTransport(handler),
            rate_limiter=protocol,
        ) as client:
            await client.me.get()
            await client.with_options(max_retries=0).me.get()
    assert (mine.acquired, mine.observed) == (2, [200, 200])
    assert closed == []  # not the client's to close
