"""Real cancellation (anyio cancel scopes) at the throttle's waits, asyncio and trio.

Async only: a sync call cannot be cancelled from outside, and the generated twin of
``tests/_async/test_throttle_liveness.py`` covers interruptions raised inside its waits.
"""

from __future__ import annotations

import anyio
import httpx
import pytest

from tests.helpers import API_KEY, ok
from tokportal import AsyncTokPortal
from tokportal._core.config import DEFAULT_RATE_LIMIT_PER_MINUTE

pytestmark = pytest.mark.anyio


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
