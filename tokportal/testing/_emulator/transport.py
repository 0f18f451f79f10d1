"""``EmulatorTransport``: one object usable by both ``httpx.Client`` and ``httpx.AsyncClient``.

No event loop thread and no sockets: the async side calls the same synchronous core and only
awaits the delay of a latency fault (so other tasks, e.g. a webhook receiver, keep running).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import anyio
import httpx

if TYPE_CHECKING:
    from .emulator import Emulator


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Route httpx requests into an :class:`Emulator` in-process (any host is accepted)."""

    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self._emulator.handle(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        core = self._emulator._core
        prepared = core.begin(request)
        if prepared.latency > 0:
            await anyio.sleep(prepared.latency)
        return core.finish(prepared)

    def close(self) -> None:
        """Nothing to release: the transport outlives the clients that use it."""

    async def aclose(self) -> None:
        """Nothing to release: the transport outlives the clients that use it."""

    def __repr__(self) -> str:
        return f"EmulatorTransport(emulator={self._emulator!r})"
