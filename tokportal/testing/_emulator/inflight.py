"""Requests between ``begin`` and ``finish``, and the injected delay a client may not wait out.

Over sockets a client that times out (or is cancelled) just hangs up: the server thread still
sleeps the injected delay, then runs the request (the side effect happens, the idempotency
claim settles) and fails to write the answer. In-process there is no server thread, so the
transport hands the rest of the request to a :class:`Inflight` worker that does the same. Tests
(and users' tests) call ``emu.wait_idle()`` to see what the server did after the client gave up.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from contextlib import suppress
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from .app import Core, Prepared


def read_timeout(request: httpx.Request) -> float | None:
    """The longest the client waits for the answer once the request was sent.

    httpx puts the per-request timeout (client default, or the call's ``timeout=``) in
    ``request.extensions["timeout"]`` as a ``{"connect", "read", "write", "pool"}`` dict. An
    injected delay happens after the request was read, where only ``read`` applies.
    """
    timeout: Any = request.extensions.get("timeout")
    if not isinstance(timeout, Mapping):
        return None
    value = timeout.get("read")
    return float(value) if isinstance(value, (int, float)) else None


def gives_up(request: httpx.Request, delay: float) -> float | None:
    """How long the client waits before giving up on a request delayed by ``delay`` seconds,
    or ``None`` when it waits the whole delay."""
    limit = read_timeout(request)
    if limit is None or delay <= limit:
        return None
    return max(limit, 0.0)


def timed_out(request: httpx.Request, waited: float, *, why: str = "delay") -> httpx.ReadTimeout:
    return httpx.ReadTimeout(
        f"The emulator did not answer within the read timeout ({waited:g} s): an injected {why}.",
        request=request,
    )


def closed_while_stalled(request: httpx.Request) -> httpx.RemoteProtocolError:
    return httpx.RemoteProtocolError(
        "The emulator was closed while the request was stalled (stall fault, no timeout).",
        request=request,
    )


class Inflight:
    """Counts begun requests; finishes abandoned ones in the background after their delay."""

    def __init__(self) -> None:
        self._idle = threading.Condition()
        self._count = 0
        self._closed = threading.Event()

    def enter(self) -> None:
        with self._idle:
            self._count += 1

    def leave(self) -> None:
        with self._idle:
            self._count -= 1
            self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._count == 0, timeout)

    def finish_later(self, core: Core, prepared: Prepared, delay: float) -> None:
        """Run ``prepared`` after ``delay`` seconds, as a server whose client hung up would.

        The caller already counted the request in (``enter``); the worker counts it out.
        """

        def run() -> None:
            try:
                if self._closed.wait(max(delay, 0.0)):
                    core.abandon(prepared)
                    return
                with suppress(httpx.TransportError):  # reset_after: nobody listens anyway
                    core.finish(prepared)
            finally:
                self.leave()

        threading.Thread(target=run, name="tokportal-emulator-abandoned", daemon=True).start()

    def wait_closed(self) -> None:
        """Block until :meth:`close` (a stalled request without a timeout waits for that)."""
        self._closed.wait()

    def close(self) -> None:
        """Stop waiting: abandoned requests still sleeping are dropped without running, and
        stalled requests without a timeout are released."""
        self._closed.set()
