# Generated from tests/_async/test_throttle_liveness.py by scripts/generate_sync.py; do not edit.
"""The default throttle stays live whatever happens to the first call (issue 9, R1).

Until a response teaches the burst, the first call on a client holds the throttle's *probe*
and everyone else waits for it. Whatever way that call ends (an error of any kind, an
interruption at any of its waits), the probe must be released, else every later call on the
client waits forever. The sleep here is fake and bounded: a hang shows as a failed assertion,
not as a stuck test run.
"""

from __future__ import annotations

import contextlib

import httpx
import pytest

from tests.cases.throttle_liveness import (
    FIRST_CALL_FAILURES,
    FIRST_CALL_ODDITIES,
    Interrupt,
)
from tests.helpers import API_KEY, FakeClock, Recorder, Step, ok, transport
from tokportal import TokPortal
from tokportal._core.config import DEFAULT_RATE_LIMIT_PER_MINUTE

# Far more fake seconds than 100 calls need at the default rate with a learnt burst.
SLEEP_BUDGET = 120.0


class BoundedSleep:
    """Fake sleep: moves the clock, optionally interrupts one wait, and fails on a hang."""

    def __init__(self, clock: FakeClock, *, interrupt_at: int | None = None) -> None:
        self.clock = clock
        self.interrupt_at = interrupt_at
        self.calls = 0

    def __call__(self, seconds: float) -> None:
        self.calls += 1
        if self.calls == self.interrupt_at:
            raise Interrupt
        self.clock.record(seconds)
        assert sum(self.clock.sleeps) < SLEEP_BUDGET, (
            f"the throttle kept calls waiting ({self.calls} sleeps): the probe was never released"
        )


def _user(request: httpx.Request) -> httpx.Response:
    return ok({"email": "a@b.c", "credits": 3})


def _client(
    recorder: Recorder, sleep: BoundedSleep, clock: FakeClock, *, max_retries: int = 0
) -> TokPortal:
    return TokPortal(
        api_key=API_KEY,
        transport=transport(recorder),
        sleep=sleep,
        clock=clock,
        rate_limit=DEFAULT_RATE_LIMIT_PER_MINUTE,
        max_retries=max_retries,
    )


def _hundred_calls(client: TokPortal) -> None:
    for _ in range(100):
        user = client.me.get()
        assert user.email == "a@b.c"


@pytest.mark.parametrize("first", FIRST_CALL_FAILURES.values(), ids=FIRST_CALL_FAILURES.keys())
def test_a_failed_first_call_releases_the_probe(first: Step) -> None:
    clock = FakeClock()
    sleep = BoundedSleep(clock)
    recorder = Recorder([first, _user])
    with _client(recorder, sleep, clock) as client:
        with pytest.raises((Exception, Interrupt)):
            client.me.get()
        _hundred_calls(client)
    assert recorder.count == 101
    # The 100 calls fit in the burst the second response taught: nobody waited.
    assert clock.sleeps == []


@pytest.mark.parametrize("first", FIRST_CALL_ODDITIES.values(), ids=FIRST_CALL_ODDITIES.keys())
def test_an_odd_first_response_releases_the_probe(first: Step) -> None:
    clock = FakeClock()
    sleep = BoundedSleep(clock)
    recorder = Recorder([first, _user])
    with _client(recorder, sleep, clock) as client:
        with contextlib.suppress(Exception):  # the outcome is not this test's subject
            client.me.get()
        _hundred_calls(client)
    assert recorder.count == 101


def test_interrupted_in_the_retry_sleep_releases_the_probe() -> None:
    clock = FakeClock()
    sleep = BoundedSleep(clock, interrupt_at=1)
    # No rate-limit headers on the 503: the probe learns nothing from it.
    recorder = Recorder([httpx.Response(503, content=b""), _user])
    with _client(recorder, sleep, clock, max_retries=2) as client:
        with pytest.raises(Interrupt):
            client.me.get()
        assert recorder.count == 1  # interrupted before the retry went out
        _hundred_calls(client)
    assert recorder.count == 101
    assert sleep.calls == 1


def test_network_error_then_interrupted_backoff_releases_the_probe() -> None:
    clock = FakeClock()
    sleep = BoundedSleep(clock, interrupt_at=1)
    recorder = Recorder([httpx.ReadError("reset"), _user])
    with _client(recorder, sleep, clock, max_retries=2) as client:
        with pytest.raises(Interrupt):
            client.me.get()
        _hundred_calls(client)
    assert recorder.count == 101
