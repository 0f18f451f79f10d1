"""Tables and payloads of ``tests/_async/test_throttle_liveness.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.helpers import Step, error


class Interrupt(BaseException):
    """Stands for a cancellation (or Ctrl-C) arriving at one of the call's waits."""


def _bad_gzip(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
        stream=httpx.ByteStream(b"this is not gzip"),
    )


def _raise(exc: BaseException) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


# The first call fails in one way; the outcome class is another helper's business, so only
# "it did not succeed" is asserted (and later calls must not hang).
FIRST_CALL_FAILURES: dict[str, Step] = {
    "200 with a body that is not JSON": httpx.Response(
        200, content=b"<html>oops</html>", headers={"Content-Type": "application/json"}
    ),
    "200 with a bad gzip body": _bad_gzip,
    "the transport raises a non-httpx error": _raise(RuntimeError("boom")),
    "interrupted while sending": _raise(Interrupt()),
    "network error, no retry left": httpx.ConnectError("refused"),
    "404 error response": error(404, "BUNDLE_NOT_FOUND"),
}

# The first call may or may not fail on these, depending on the models; liveness must hold.
FIRST_CALL_ODDITIES: dict[str, Step] = {
    "non-ASCII header values": httpx.Response(
        200,
        json={"data": {"email": "a@b.c", "credits": 3}},
        headers=[
            (b"X-TokPortal-Request-ID", "réq".encode()),
            (b"X-RateLimit-Limit", "１２０".encode()),
        ],
    ),
    "NaN in the body": httpx.Response(
        200,
        content=b'{"data": {"email": "a@b.c", "credits": NaN}}',
        headers={"Content-Type": "application/json"},
    ),
}
