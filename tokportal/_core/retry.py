"""Whether and when to try a request again.

The rules (issue "Foundation", API.md §1.6, §1.7):
- retry connection errors, timeouts, 408, 429, 500, 502, 503, 504, up to ``max_retries``;
  never 4xx business errors, never a 429 ``capacity_cooldown`` (a workspace-wide window);
- wait what the server says (``Retry-After-Ms``, ``Retry-After`` seconds or HTTP date, else
  ``details.retry_after_seconds``), else exponential backoff with jitter;
- a wait longer than ``max_retry_after`` is not slept: the error is raised at once;
- an operation whose response carries a secret is retried only when the request provably
  never left (a connect error): after a timeout or a 5xx it may have run, and it has no
  idempotency key to make a second run harmless.
"""

from __future__ import annotations

import email.utils
import enum
import math
from collections.abc import Mapping
from typing import Any

import attrs

from .._operations import Operation
from . import config
from . import headers as h

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class FailureKind(enum.Enum):
    """How a request failed without a response."""

    CONNECT = "connect"  # never reached the server: connect error, connect or pool timeout
    TIMEOUT = "timeout"  # read/write timeout: the server may have run it
    NETWORK = "network"  # the connection broke mid-exchange: the server may have run it


@attrs.frozen(kw_only=True)
class RetryPolicy:
    max_retries: int = config.DEFAULT_MAX_RETRIES
    backoff_base: float = config.BACKOFF_BASE
    backoff_cap: float = config.BACKOFF_CAP
    max_retry_after: float = config.MAX_RETRY_AFTER


@attrs.frozen
class Retry:
    """Try again after ``wait`` seconds."""

    wait: float
    reason: str


@attrs.frozen
class Stop:
    """Do not try again; ``reason`` says why (for the log)."""

    reason: str


Decision = Retry | Stop


def backoff(attempt: int, policy: RetryPolicy, jitter: float) -> float:
    """Exponential backoff for retry number ``attempt`` (0-based), ``jitter`` in [0, 1).

    Equal jitter: between half and all of ``min(cap, base * 2**attempt)``, so concurrent
    clients spread out yet every wait stays meaningful.
    """
    ceiling = min(policy.backoff_cap, policy.backoff_base * (2.0**attempt))
    return ceiling * (0.5 + jitter / 2)


def parse_retry_after(headers: Mapping[str, str], *, now: float) -> float | None:
    """Seconds to wait according to the response headers, or None when they say nothing.

    ``now`` is the wall clock (Unix seconds), used for the HTTP-date form.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    millis = _finite_float(lowered.get(h.RETRY_AFTER_MS.lower()))
    if millis is not None and millis >= 0:
        return millis / 1000.0
    raw = lowered.get(h.RETRY_AFTER.lower())
    if raw is None:
        return None
    seconds = _finite_float(raw)
    if seconds is not None:
        return seconds if seconds >= 0 else None
    try:
        moment = email.utils.parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - now)


def retry_after_from_body(body: Any) -> float | None:
    """``error.details.retry_after_seconds`` from an error envelope, if there is one."""
    if not isinstance(body, Mapping):
        return None
    error = body.get("error")
    details = error.get("details") if isinstance(error, Mapping) else None
    if not isinstance(details, Mapping):
        return None
    value = details.get("retry_after_seconds")
    if isinstance(value, bool):
        return None
    seconds = _finite_float(value)
    return seconds if seconds is not None and seconds >= 0 else None


def server_wait(headers: Mapping[str, str], body: Any, *, now: float) -> float | None:
    """The wait the server asked for: headers first, then the body."""
    wait = parse_retry_after(headers, now=now)
    return wait if wait is not None else retry_after_from_body(body)


def error_code(body: Any) -> str | None:
    if isinstance(body, Mapping):
        error = body.get("error")
        if isinstance(error, Mapping) and isinstance(error.get("code"), str):
            return str(error["code"])
    return None


def is_capacity_cooldown(body: Any) -> bool:
    """A 429 for the workspace's bundle capacity (``capacity_cooldown``), which says nothing
    about the key's request rate."""
    code = error_code(body)
    return code is not None and code.lower() == "capacity_cooldown"


def decide_after_response(
    operation: Operation,
    *,
    status_code: int,
    body: Any,
    wait: float | None,
    retries_done: int,
    policy: RetryPolicy,
    jitter: float,
) -> Decision:
    """Whether to retry after an unsuccessful response; ``wait`` is the
    :func:`server_wait` it asked for, if any."""
    if status_code not in RETRYABLE_STATUSES:
        return Stop(f"status {status_code} is not retryable")
    if is_capacity_cooldown(body):
        return Stop("capacity_cooldown is a workspace-wide window: surfaced, not looped on")
    if operation.is_sensitive and status_code != 429:
        return Stop(f"{operation.operation_id} may have run and returns a secret")
    if retries_done >= policy.max_retries:
        return Stop(f"gave up after {retries_done} retries")
    if wait is None:
        return Retry(backoff(retries_done, policy, jitter), f"status {status_code}")
    if wait > policy.max_retry_after:
        return Stop(f"server asked to wait {wait:.1f}s, over max_retry_after")
    return Retry(wait, f"status {status_code}, server asked to wait")


def decide_after_failure(
    operation: Operation,
    *,
    kind: FailureKind,
    retries_done: int,
    policy: RetryPolicy,
    jitter: float,
) -> Decision:
    """Whether to retry after a request that got no response."""
    if operation.is_sensitive and kind is not FailureKind.CONNECT:
        return Stop(f"{operation.operation_id} may have run and returns a secret")
    if retries_done >= policy.max_retries:
        return Stop(f"gave up after {retries_done} retries")
    return Retry(backoff(retries_done, policy, jitter), kind.value)


def _finite_float(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None
