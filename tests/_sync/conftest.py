# Generated from tests/_async/conftest.py by scripts/generate_sync.py; do not edit.
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers import API_KEY, FakeClock, Recorder, transport
from tokportal import TokPortal


class Sleep:
    """The client's ``sleep``: records the wait and moves the fake clock, costing no time."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock

    def __call__(self, seconds: float) -> None:
        self.clock.record(seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_client(clock: FakeClock) -> Callable[..., TokPortal]:
    """A client over a recording mock transport, with a fake clock and free sleeps.

    The throttle is off unless a test asks for it, so tests see exactly their own requests.
    """

    def make(recorder: Recorder, **options: Any) -> TokPortal:
        options.setdefault("api_key", API_KEY)
        options.setdefault("rate_limit", None)
        return TokPortal(transport=transport(recorder), sleep=Sleep(clock), clock=clock, **options)

    return make
