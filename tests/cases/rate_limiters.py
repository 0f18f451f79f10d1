"""The rate limiter protocol table of ``tests/_async/test_rate_limiters.py``, written once for
it and its generated sync twin, and the real ``redis-server`` the Redis tier runs against.

Every case is a run of calls, one after the other, on one client; each call's answer is
scripted and the time it went out is asserted. Times are seconds from the start on the
test's fake clock: the in-process limiter moves it by what it sleeps; for the Redis limiter,
whose arithmetic runs on Redis's own (real) clock, a sleep moves it to the real time elapsed
plus the wait Redis asked for, so both tell the same schedule. At 6 requests a minute (one
every 10 s), the milliseconds the test really takes are far inside the tolerance.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import attrs
import httpx

from tests.helpers import error, ok

RATE = 6.0  # requests per minute: one every 10 s
INTERVAL = 60.0 / RATE
TOLERANCE = 1.0  # seconds: the real time a case takes, on a loaded machine, is far less


class Interrupt(BaseException):
    """Stands for a cancellation (or Ctrl-C) arriving while a call waits for its slot."""


def answer(
    *, limit: int | None = None, remaining: int | None = None, retry_after: int | None = None
) -> httpx.Response:
    """A 200 (a 429 when ``retry_after`` is given) with these ``X-RateLimit-*`` headers."""
    headers = {}
    if limit is not None:
        headers["X-RateLimit-Limit"] = str(limit)
    if remaining is not None:
        headers["X-RateLimit-Remaining"] = str(remaining)
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
        return error(429, "RATE_LIMIT_EXCEEDED", "slow down", headers=headers)
    return ok({"email": "a@b.c", "credits": 3}, headers=headers)


@attrs.frozen
class Call:
    """One call: when it must go out (``None``: it must not, its wait being interrupted), as
    a (earliest, latest) range of seconds, and the headers of the server's answer."""

    went: tuple[float, float] | None
    limit: int | None = None
    remaining: int | None = None
    retry_after: int | None = None

    @property
    def interrupted(self) -> bool:
        return self.went is None

    def reply(self) -> httpx.Response:
        return answer(limit=self.limit, remaining=self.remaining, retry_after=self.retry_after)


def at(seconds: float, *, late: float = 0.0) -> tuple[float, float]:
    return (seconds - TOLERANCE, seconds + TOLERANCE + late)


@attrs.frozen
class LimiterCase:
    burst: int | None  # None: learnt from the first answer's X-RateLimit-Limit
    calls: tuple[Call, ...]


CASES: dict[str, LimiterCase] = {
    "the burst goes at once, then one call per interval": LimiterCase(
        burst=3,
        calls=(
            Call(at(0)),
            Call(at(0)),
            Call(at(0)),
            Call(at(INTERVAL)),
            Call(at(2 * INTERVAL)),
            Call(at(3 * INTERVAL)),
        ),
    ),
    "the burst is learnt from the first answer": LimiterCase(
        burst=None,
        calls=(
            Call(at(0), limit=3, remaining=2),
            Call(at(0), limit=3, remaining=1),
            Call(at(0), limit=3, remaining=0),
            Call(at(INTERVAL), limit=3, remaining=0),
        ),
    ),
    "X-RateLimit-Limit below the burst tightens it": LimiterCase(
        burst=5,
        calls=(
            Call(at(0), limit=2, remaining=1),
            Call(at(0), limit=2, remaining=0),
            Call(at(INTERVAL), limit=2, remaining=0),
            Call(at(2 * INTERVAL)),
        ),
    ),
    "X-RateLimit-Limit above the burst does not loosen it": LimiterCase(
        burst=2,
        calls=(
            Call(at(0), limit=50, remaining=49),
            Call(at(0), limit=50, remaining=48),
            Call(at(INTERVAL), limit=50, remaining=47),
            Call(at(2 * INTERVAL), limit=50, remaining=46),
        ),
    ),
    "X-RateLimit-Remaining below what the limiter counts tightens it": LimiterCase(
        burst=5,
        calls=(
            Call(at(0), limit=5, remaining=0),
            Call(at(INTERVAL)),
            Call(at(2 * INTERVAL)),
        ),
    ),
    "a 429 holds everyone until its Retry-After": LimiterCase(
        burst=3,
        calls=(
            Call(at(0), limit=3, remaining=0, retry_after=30),
            Call(at(30)),
            # The bucket refilled meanwhile: the Redis budget knows it (from the 429's
            # X-RateLimit-Remaining and the rate); the in-process one waits a token more, and
            # slows its rate after a 429 (by a quarter at most).
            Call((30 - TOLERANCE, 30 + INTERVAL * 4 / 3 + TOLERANCE)),
        ),
    ),
    "a waiter interrupted before its slot hands it back": LimiterCase(
        burst=1,
        calls=(
            Call(at(0)),
            Call(None),
            Call(at(INTERVAL)),  # not 2 intervals: the interrupted waiter's slot came back
            Call(at(2 * INTERVAL)),
        ),
    ),
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


REDIS_SERVER = shutil.which("redis-server")
NO_REDIS_SERVER = (
    "no redis-server binary on PATH (apt-get install redis-server): the Redis limiter's "
    "real-server tier is skipped; its fakeredis tier still runs"
)


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A throwaway ``redis-server`` on a random loopback port, no persistence; its URL."""
    assert REDIS_SERVER is not None
    port = _free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10.0
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {port}")
            time.sleep(0.02)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
