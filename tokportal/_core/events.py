"""What each attempt on the wire looked like: the value handed to event hooks and telemetry.

Pure values (no I/O): the transport fills one :class:`AttemptEvent` per attempt, whatever
ended it (a response, a network failure), and hands the same value to the client's hooks
and, when ``tokportal.otel`` is instrumented, to the call's span and metrics.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import attrs

# The httpx request extension under which the transport tells observers of the raw request
# (the OpenTelemetry httpx hooks in ``tokportal.otel``) which operation an attempt belongs
# to; httpx and httpcore ignore extensions they do not know.
EXTENSION = "tokportal"


@attrs.frozen(kw_only=True)
class AttemptEvent:
    """One attempt of one call, after it ended.

    ``attempt`` counts from 1; ``status_code`` is None when no response came (``error``
    then names the failure's class). ``request_id`` is what identifies the attempt to
    TokPortal support: the server's request id, else the ``X-Request-ID`` the SDK sent
    (``sent_request_id``). Durations are in seconds: ``duration`` from sending to the last
    byte of the body, ``throttle_wait`` the time the client's rate limiter held the attempt
    back. ``retry_reason``/``retry_wait`` say why and after how long another attempt follows
    (None when this one was the last).
    """

    operation_id: str
    attempt: int
    method: str
    path_template: str  # the operation's path, e.g. "/bundles/{id}": never an id
    status_code: int | None
    request_id: str
    sent_request_id: str
    idempotency_key: str | None
    dry_run: bool
    duration: float
    throttle_wait: float
    retry_reason: str | None = None
    retry_wait: float | None = None
    error: str | None = None  # the failure's class name (no message: it may carry a URL)
    rate_limit_remaining: int | None = None

    @property
    def will_retry(self) -> bool:
        """Another attempt follows this one."""
        return self.retry_reason is not None


Hook = Callable[[AttemptEvent], object]
"""An event hook: called with each attempt's event. On the async client it may also be a
coroutine function (its coroutine is awaited); what it returns is otherwise ignored."""


@attrs.frozen(kw_only=True)
class AttemptInfo:
    """What an attempt's httpx request carries under :data:`EXTENSION`."""

    operation_id: str
    url_template: str
    resend_count: int  # 0 on the first attempt (OpenTelemetry's http.request.resend_count)
    presigned: bool = False  # a presigned storage URL: its whole query is a credential


def mint_request_id() -> str:
    """A fresh ``X-Request-ID`` for one attempt: 128 random bits, as a UUID4 has, without
    building a UUID on every attempt."""
    return "req_" + os.urandom(16).hex()
