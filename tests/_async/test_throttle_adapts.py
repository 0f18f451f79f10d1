"""The throttle against a server it has to learn: cancelled waiters (R5), a slower key.

The server is :class:`tests.throttle_server.RateLimitedServer` on the test's fake clock, so
every wait is computed, none is slept, and "time" below is the fake clock's.
"""

from __future__ import annotations

import pytest

from tests.helpers import API_KEY, FakeClock, Recorder, ok, transport
from tests.throttle_server import WALL_OFFSET, RateLimitedServer
from tokportal import AsyncTokPortal

pytestmark = pytest.mark.anyio  # async-only


class Interrupt(BaseException):
    """Stands for a cancellation arriving while a call waits on the throttle."""


class Sleep:
    """Fake sleep that moves the clock; with ``interrupt`` set, every wait is interrupted."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.interrupt = False

    async def __call__(self, seconds: float) -> None:
        if self.interrupt:
            raise Interrupt
        self.clock.record(seconds)


def _client(handler: object, clock: FakeClock, sleep: Sleep, **options: object) -> AsyncTokPortal:
    client = AsyncTokPortal(
        api_key=API_KEY,
        transport=transport(handler),  # type: ignore[arg-type]
        sleep=sleep,
        clock=clock,
        **options,  # type: ignore[arg-type]
    )
    # The server model reads the same wall clock (X-RateLimit-Reset is Unix seconds).
    client._transport._wall_offset = WALL_OFFSET
    return client


async def test_a_thousand_cancelled_waiters_give_their_tokens_back() -> None:
    clock = FakeClock()
    sleep = Sleep(clock)
    recorder = Recorder(ok({"email": "a@b.c", "credits": 3}))
    async with _client(recorder, clock, sleep, rate_limit=120, rate_limit_burst=1) as client:
        await client.me.get()  # takes the one token of the burst
        sleep.interrupt = True
        for _ in range(1000):
            with pytest.raises(Interrupt):
                await client.me.get()  # waits for a token and is interrupted
        sleep.interrupt = False
        await client.me.get()
    assert recorder.count == 2  # no interrupted call sent anything
    # The next call waited for the next token only (0.5 s at 120/min), not behind 1,000
    # reservations nobody uses (500 s).
    assert clock.sleeps == [pytest.approx(0.5)]


@pytest.mark.parametrize("send_reset", [True, False], ids=["with Reset", "without Reset"])
async def test_a_key_slower_than_the_client_costs_no_error(send_reset: bool) -> None:
    clock = FakeClock()
    server = RateLimitedServer(clock, per_minute=30, burst=1, send_reset=send_reset)
    start = clock.now
    # The client's default rate (120/min) is four times the key's.
    async with _client(server, clock, Sleep(clock)) as client:
        for _ in range(34):
            user = await client.me.get()
            assert user.email == "a@b.c"
    assert len(server.admitted) == 34
    # It learnt within a few refusals ...
    assert server.refused <= 3
    # ... and then kept to the server's schedule (fake time; one call at a time here).
    assert server.fastest_schedule(34) / (clock.now - start) >= 0.9


async def test_the_rate_never_rises_above_the_configured_one() -> None:
    clock = FakeClock()
    server = RateLimitedServer(clock, per_minute=600, burst=1)
    async with _client(server, clock, Sleep(clock), rate_limit=60) as client:
        for _ in range(10):
            await client.me.get()
    assert server.refused == 0
    # One call a second after the first: the server's faster Reset changed nothing.
    assert clock.sleeps == pytest.approx([1.0] * 9)
