"""Bounds for tests that talk to the far end: no test can wait forever.

``async_deadline`` cancels the awaited code (``anyio.fail_after``). Blocking code cannot be
cancelled from outside, so ``deadline`` (its sync twin in the generated tests) unsticks the
only thing that can block it, the far end: when time is up it releases every stall and
closes every connection, then fails the test. Both fail the test with the same message.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import anyio
import pytest

if TYPE_CHECKING:
    from .server import FarEnd


@contextlib.asynccontextmanager
async def async_deadline(seconds: float, far: FarEnd | None = None) -> AsyncIterator[None]:
    """``async with async_deadline(5, far):`` cancels the block after ``seconds``."""
    del far  # the cancel scope is enough on an event loop
    try:
        with anyio.fail_after(seconds):
            yield
    except TimeoutError:
        pytest.fail(f"did not finish within {seconds} s: a call hung")


@contextlib.contextmanager
def deadline(seconds: float, far: FarEnd | None = None) -> Iterator[None]:
    """``with deadline(5, far):`` unsticks ``far`` after ``seconds`` and fails the test."""
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        if far is not None:
            far.abort_all()

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
    if expired.is_set():
        pytest.fail(f"did not finish within {seconds} s: a call hung")
