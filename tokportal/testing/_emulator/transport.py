"""``EmulatorTransport``: one object usable by both ``httpx.Client`` and ``httpx.AsyncClient``.

No event loop thread and no sockets: the async side calls the same synchronous core and only
awaits the delay of a latency fault (so other tasks, e.g. a webhook receiver, keep running).
Per-request timeouts are honoured as over sockets: a delay longer than the read timeout raises
``httpx.ReadTimeout`` after the timeout, and a cancelled wait returns at once; either way the
emulator finishes the request in the background (see ``inflight.py``).
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import anyio
import httpx

from .inflight import gives_up, read_timeout, timed_out

if TYPE_CHECKING:
    from .emulator import Emulator


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Route httpx requests into an :class:`Emulator` in-process (any host is accepted)."""

    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request of an ``httpx.Client``."""
        request.read()
        return self._emulator.handle(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request of an ``httpx.AsyncClient`` (latency and faults included)."""
        await request.aread()
        core = self._emulator._core
        inflight = self._emulator._inflight
        inflight.enter()
        handed_off = False
        try:
            prepared = core.begin(request)
            if prepared.stalled:
                # Never answered: the wait ends with the read timeout or the caller's
                # cancellation (without a timeout, only the latter).
                limit = read_timeout(request)
                try:
                    await anyio.sleep(math.inf if limit is None else limit)
                finally:
                    core.abandon(prepared)
                raise timed_out(request, limit or 0.0, why="stall: never answered")
            delay = prepared.latency
            if delay > 0:
                limit = gives_up(request, delay)
                started = time.monotonic()
                slept = False
                try:
                    await anyio.sleep(delay if limit is None else limit)
                    slept = True
                finally:
                    if not slept:  # cancelled: the emulator goes on without its client
                        elapsed = time.monotonic() - started
                        inflight.finish_later(core, prepared, delay - elapsed)
                        handed_off = True
                if limit is not None:
                    inflight.finish_later(core, prepared, delay - limit)
                    handed_off = True
                    raise timed_out(request, limit)
            return core.finish(prepared)
        finally:
            if not handed_off:
                inflight.leave()

    def close(self) -> None:
        """Nothing to release: the transport outlives the clients that use it."""

    async def aclose(self) -> None:
        """Nothing to release: the transport outlives the clients that use it."""

    def __repr__(self) -> str:
        return f"EmulatorTransport(emulator={self._emulator!r})"
