"""Many concurrent calls on one client, and real cancellation (anyio cancel scopes) at the
throttle's waits, on asyncio and trio.

Async only: a sync call cannot be cancelled from outside, and the generated twins of
``tests/_async/test_throttle_*.py`` cover one call at a time. Concurrent calls run on
virtual time: the client's ``sleep`` parks the task until a driver moves the fake clock to
the earliest deadline, once every task is blocked; nothing is slept for real.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Coroutine
from typing import Any

import anyio
import httpx
import pytest

from tests.helpers import API_KEY, FakeClock, ok
from tests.throttle_server import WALL_OFFSET, RateLimitedServer
from tokportal import AsyncTokPortal, RateLimitError
from tokportal._core.config import DEFAULT_RATE_LIMIT_PER_MINUTE
from tokportal.ratelimit import AsyncLocalRateLimiter

pytestmark = pytest.mark.anyio

# A task woken by the driver resumes this long after its deadline (a real loop is late too).
WAKE_DELAY = 0.0001


class VirtualTime:
    """The client's ``sleep`` on a :class:`FakeClock`, for many tasks at once."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.requested: list[float] = []
        self._sleepers: list[tuple[float, int, anyio.Event]] = []
        self._order = itertools.count()

    async def sleep(self, seconds: float) -> None:
        self.requested.append(seconds)
        woken = anyio.Event()
        deadline = self.clock.now + max(0.0, seconds)
        heapq.heappush(self._sleepers, (deadline, next(self._order), woken))
        await woken.wait()

    async def _drive(self) -> None:
        while True:
            await anyio.wait_all_tasks_blocked()
            if not self._sleepers:
                await anyio.sleep(0.001)  # nobody asleep: the tasks are finishing
                continue
            deadline, _, woken = heapq.heappop(self._sleepers)
            self.clock.now = max(self.clock.now, deadline + WAKE_DELAY)
            woken.set()

    async def run(self, *calls: Callable[[], Coroutine[Any, Any, object]]) -> None:
        """Run ``calls`` concurrently to the end, moving the clock as they sleep."""
        with anyio.fail_after(30):  # real seconds: only a bug gets near this
            async with anyio.create_task_group() as outer:
                outer.start_soon(self._drive)
                async with anyio.create_task_group() as group:
                    for call in calls:
                        group.start_soon(call)
                outer.cancel_scope.cancel()


def _virtual_client(handler: object, clock: FakeClock, time: VirtualTime) -> AsyncTokPortal:
    client = AsyncTokPortal(
        api_key=API_KEY,
        transport=httpx.MockTransport(handler),  # type: ignore[arg-type]
        sleep=time.sleep,
        clock=clock,
    )
    client._transport._wall_offset = WALL_OFFSET
    return client


@pytest.mark.parametrize("calls", [34, 100])
async def test_concurrent_calls_on_a_key_slower_than_the_client(calls: int) -> None:
    clock = FakeClock()
    time = VirtualTime(clock)
    # The key allows 30 calls a minute, one at a time; the client defaults to 120/min.
    server = RateLimitedServer(clock, per_minute=30, burst=1)
    outcomes: list[str] = []
    async with _virtual_client(server, clock, time) as client:

        async def one() -> None:
            try:
                await client.me.get()
                outcomes.append("ok")
            except RateLimitError:
                outcomes.append("RateLimitError")

        start = clock.now
        await time.run(*[one] * calls)
        elapsed = clock.now - start
    assert outcomes == ["ok"] * calls
    assert len(server.admitted) == calls
    # It learns the rate in a few refusals, whatever the number of calls queued ...
    assert server.refused <= 3
    # ... and then keeps to the server's schedule (virtual time).
    assert server.fastest_schedule(calls) / elapsed >= 0.9


async def test_a_thousand_cancelled_concurrent_waiters_give_their_tokens_back() -> None:
    clock = FakeClock()
    time = VirtualTime(clock)
    served: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        served.append(request)
        return ok({"email": "a@b.c", "credits": 3})

    async with AsyncTokPortal(
        api_key=API_KEY,
        transport=httpx.MockTransport(handler),
        sleep=time.sleep,
        clock=clock,
        rate_limit=120,
        rate_limit_burst=1,
    ) as client:
        await client.me.get()  # the burst's one token
        limiter = client._transport.rate_limiter
        assert isinstance(limiter, AsyncLocalRateLimiter)
        bucket = limiter.bucket
        with anyio.fail_after(30):
            async with anyio.create_task_group() as group:
                for _ in range(1000):
                    group.start_soon(client.me.get)
                await anyio.wait_all_tasks_blocked()
                assert len(time.requested) == 1000  # all queued on the throttle ...
                assert bucket.tokens == pytest.approx(-1000.0)  # ... 500 s deep at 2/s
                group.cancel_scope.cancel()
        assert bucket.tokens == pytest.approx(0.0)  # every cancelled waiter gave its token back
        time.requested.clear()
        await time.run(client.me.get)
    assert len(served) == 2
    # Within one token interval (0.5 s at 120/min), not behind 1,000 ghosts (500 s).
    assert time.requested == [pytest.approx(0.5)]


class BlockingServer:
    """Answers at once, except the first request, which hangs until the test cancels it."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.first_arrived = anyio.Event()

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if len(self.requests) == 1:
            self.first_arrived.set()
            await anyio.sleep_forever()
        return ok({"email": "a@b.c", "credits": 3}, headers={"X-RateLimit-Limit": "120"})


async def test_cancelling_the_first_call_in_send_releases_the_probe() -> None:
    server = BlockingServer()
    async with AsyncTokPortal(
        api_key=API_KEY,
        transport=httpx.MockTransport(server),
        rate_limit=DEFAULT_RATE_LIMIT_PER_MINUTE,
    ) as client:
        with anyio.fail_after(10):
            async with anyio.create_task_group() as group:
                first = anyio.CancelScope()
                second_done = anyio.Event()

                async def first_call() -> None:
                    with first:
                        await client.me.get()

                async def second_call() -> None:
                    # Queued behind the probe (the first call) until it is cancelled.
                    await client.me.get()
                    second_done.set()

                group.start_soon(first_call)
                await server.first_arrived.wait()
                group.start_soon(second_call)
                await anyio.sleep(0.05)
                assert not second_done.is_set()  # it waits for the probe ...
                assert len(server.requests) == 1  # ... and sent nothing
                first.cancel()
            assert first.cancelled_caught
            assert second_done.is_set()
            for _ in range(100):
                await client.me.get()
    assert len(server.requests) == 102


async def test_cancelling_a_caller_queued_behind_the_probe_changes_nothing() -> None:
    server = BlockingServer()
    async with AsyncTokPortal(
        api_key=API_KEY,
        transport=httpx.MockTransport(server),
        rate_limit=DEFAULT_RATE_LIMIT_PER_MINUTE,
    ) as client:
        with anyio.fail_after(10):
            async with anyio.create_task_group() as group:
                first = anyio.CancelScope()
                queued = anyio.CancelScope()

                async def call(scope: anyio.CancelScope) -> None:
                    with scope:
                        await client.me.get()

                group.start_soon(call, first)
                await server.first_arrived.wait()
                group.start_soon(call, queued)
                await anyio.sleep(0.05)
                queued.cancel()  # cancelled in its throttle wait
                await anyio.sleep(0.05)
                first.cancel()  # then the probe, in its send
            assert queued.cancelled_caught
            assert first.cancelled_caught
            for _ in range(100):
                await client.me.get()
    # The queued caller never sent anything.
    assert len(server.requests) == 101
