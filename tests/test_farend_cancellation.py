"""Cancelling a call at each of its awaits, over real sockets, on asyncio and trio (issue 9;
DESIGN rule 7: a cancelled call leaves the client as it found it).

The far end stalls the first call at a chosen stage (before the headers, in the middle of the
body); the test cancels it there, or cancels a second caller queued on the throttle behind
it, or cancels a call asleep between retries. Then the client makes 100 normal calls.

Async only: a blocking call cannot be cancelled from outside.
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
import httpx
import pytest

from tests.farend import FarEnd, Fault
from tokportal import AsyncTokPortal, TokPortalError

pytestmark = pytest.mark.anyio

BOUND = 30.0


def _client(far: FarEnd, **options: object) -> AsyncTokPortal:
    # The default throttle: the first call holds the probe, later ones queue behind it.
    options.setdefault("timeout", httpx.Timeout(10.0, connect=2.0))
    return AsyncTokPortal(api_key=far.api_key, base_url=far.base_url, **options)  # type: ignore[arg-type]


async def _create(client: AsyncTokPortal, title: str) -> str:
    created = await client.bundles.create(
        bundle_type="account_only", platform="tiktok", country="US", title=title
    )
    assert created.bundle is not None and created.bundle.id is not None
    return created.bundle.id


async def _hundred_calls(client: AsyncTokPortal) -> None:
    bundle_id = await _create(client, "live 0")
    for n in range(1, 100):
        if n % 2:
            assert (await client.bundles.get(bundle_id)).id == bundle_id
        else:
            bundle_id = await _create(client, f"live {n}")


async def _until(condition: Callable[[], bool]) -> None:
    """Poll (briefly) until the far end reaches a state; bounded by the test's fail_after."""
    # Polled: the far end's threads cannot set an anyio.Event on this loop.
    while not condition():  # noqa: ASYNC110
        await anyio.sleep(0.005)


@pytest.mark.parametrize("stage", ["stall_headers", "stall_body"])
@pytest.mark.parametrize("after", [False, True], ids=["before-charge", "after-charge"])
async def test_cancelling_the_first_call_mid_exchange(stage: str, after: bool) -> None:
    with FarEnd() as far:
        far.script(Fault(kind=stage, after=after, stall=20.0))
        with anyio.fail_after(BOUND):
            async with _client(far) as client:
                first = anyio.CancelScope()
                second_done = anyio.Event()

                async def first_call() -> None:
                    with first:
                        await _create(client, "first")

                async def second_call() -> None:
                    await _create(client, "second")  # queued behind the probe
                    second_done.set()

                async with anyio.create_task_group() as group:
                    group.start_soon(first_call)
                    await _until(lambda: far.stalls_started == 1)
                    group.start_soon(second_call)
                    await anyio.sleep(0.05)
                    # The second call waits for the probe: it has not been sent.
                    assert not second_done.is_set()
                    assert [a.json()["title"] for a in far.arrivals] == ["first"]
                    first.cancel()
                    await second_done.wait()
                assert first.cancelled_caught
                await _hundred_calls(client)
        titles = [a.json().get("title") for a in far.arrivals if a.method == "POST"]
        assert titles[:2] == ["first", "second"]  # the cancelled call was not retried
        assert len(far.arrivals) == 102
        assert far.double_charges() == {}


async def test_cancelling_a_caller_queued_on_the_throttle() -> None:
    with FarEnd() as far:
        far.script(Fault(kind="stall_headers", stall=20.0))
        with anyio.fail_after(BOUND):
            async with _client(far, max_retries=0) as client:
                first_failed = anyio.Event()
                queued = anyio.CancelScope()

                async def first_call() -> None:
                    with pytest.raises(TokPortalError):
                        await _create(client, "first")
                    first_failed.set()

                async def queued_call() -> None:
                    with queued:
                        await _create(client, "queued")

                async with anyio.create_task_group() as group:
                    group.start_soon(first_call)
                    await _until(lambda: far.stalls_started == 1)
                    group.start_soon(queued_call)
                    await anyio.sleep(0.05)
                    queued.cancel()  # cancelled while waiting for a throttle token
                    await anyio.sleep(0.01)
                    far.abort_all()  # the stalled first call now gets a dropped connection
                    await first_failed.wait()
                assert queued.cancelled_caught
                await _hundred_calls(client)
        titles = [a.json().get("title") for a in far.arrivals if a.method == "POST"]
        assert "queued" not in titles  # cancelled before it was sent
        assert len(far.arrivals) == 101


@pytest.mark.parametrize("fault", ["status", "drop"])
async def test_cancelling_a_call_asleep_between_retries(fault: str) -> None:
    with FarEnd() as far:
        # A 503 asking for 30 s, or a dropped connection (backoff): the call sleeps; cancel it.
        far.script(Fault(kind=fault, status=503, retry_after="30"))
        with anyio.fail_after(BOUND):
            # After a drop the backoff is 0.25 to 0.5 s: long enough to be caught asleep.
            async with _client(far, max_retries=2) as client:
                scope = anyio.CancelScope()

                async def call() -> None:
                    with scope:
                        await _create(client, "sleeper")

                async with anyio.create_task_group() as group:
                    group.start_soon(call)
                    await _until(lambda: len(far.arrivals) == 1)
                    await anyio.sleep(0.05)  # the answer (or the drop) has been seen
                    scope.cancel()
                assert scope.cancelled_caught
                await _hundred_calls(client)
        # The sleeper was cancelled before its retry; 100 calls followed.
        assert [a.json().get("title") for a in far.arrivals[:1]] == ["sleeper"]
        assert "sleeper" not in [a.json().get("title") for a in far.arrivals[1:] if a.body]
