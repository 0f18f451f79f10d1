"""One attempt's outcome: everything a response means, read once.

The transport hands over what came back (status, headers, the body's bytes or the error that
kept them from being read) with the retry state and the wall clock's reading; it gets back
one :class:`AttemptOutcome` and only acts on it: return, sleep and try again, or raise. The
headers are scanned once, the rate-limit triple, the request id and the server's wait derived
once, and the wall clock is read by the caller (injectable), never here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from .._operations import Operation
from ..errors import TokPortalError
from .api_response import APIResponse, RateLimitInfo
from .response import (
    UnreadableBody,
    build_response,
    decode_body,
    error_from_response,
    header_lookup,
    invalid_response_error,
    rate_limit_of,
    request_id_of,
)
from .retry import Retry, RetryPolicy, decide_after_response, is_capacity_cooldown, server_wait

# How long the throttle holds off after a 429 that names no wait: the API's buckets refill
# by the second, so one second is the shortest wait that can help.
DEFAULT_429_SLOWDOWN = 1.0


@attrs.frozen
class Done:
    """A success: the response to return."""

    response: APIResponse


@attrs.frozen
class Raise:
    """No further attempt: raise ``error`` (chained from ``cause``); ``reason`` says why
    no retry, when a retry was considered."""

    error: TokPortalError
    cause: BaseException | None = None
    reason: str | None = None


Action = Done | Retry | Raise


@attrs.frozen(kw_only=True)
class AttemptOutcome:
    """What one response means, for the transport to act on and the throttle to learn from."""

    status_code: int
    lookup: Mapping[str, str] = attrs.field(repr=False)  # header name (lower case) -> value
    rate_limit: RateLimitInfo | None
    request_id: str | None
    server_wait: float | None  # what the server asked for (errors only), in seconds
    # How long the throttle should hold off: set on a 429 about the key's request rate.
    slowdown: float | None
    action: Action


def attempt_outcome(
    operation: Operation,
    *,
    status_code: int,
    headers: httpx.Headers,
    content: bytes | Exception,
    idempotency_key: str | None,
    request: httpx.Request | None,
    retries_done: int,
    policy: RetryPolicy,
    wall_now: float,
    jitter: float,
) -> AttemptOutcome:
    """The outcome of one response.

    ``content`` is the body's bytes, or the exception that kept them from being read;
    ``wall_now`` the wall clock (Unix seconds) when it arrived, for a ``Retry-After`` given
    as an HTTP date; ``jitter`` in [0, 1) spreads the backoff.
    """
    lookup = header_lookup(headers)
    rate_limit = rate_limit_of(lookup)
    request_id = request_id_of(lookup)
    body, unreadable = _read_body(operation, status_code, lookup, content)

    wait: float | None = None
    slowdown: float | None = None
    if status_code >= 300:
        wait = server_wait(lookup, body, now=wall_now)
        if status_code == 429 and not is_capacity_cooldown(body):
            # A workspace's bundle capacity says nothing about the key's request rate.
            slowdown = wait if wait is not None else DEFAULT_429_SLOWDOWN

    action: Action
    if unreadable is not None:
        action = Raise(
            invalid_response_error(
                unreadable.reason,
                operation_id=operation.operation_id,
                status_code=status_code,
                headers=headers,
                request_id=request_id,
                body=unreadable.excerpt,
                idempotency_key=idempotency_key,
                request=request,
            ),
            cause=content if isinstance(content, Exception) else None,
        )
    elif status_code < 300:
        action = Done(
            build_response(
                operation.operation_id,
                status_code=status_code,
                headers=headers,
                lookup=lookup,
                request_id=request_id,
                rate_limit=rate_limit,
                body=body,
                idempotency_key=idempotency_key,
                retries=retries_done,
            )
        )
    else:
        decision = decide_after_response(
            operation,
            status_code=status_code,
            body=body,
            wait=wait,
            retries_done=retries_done,
            policy=policy,
            jitter=jitter,
        )
        if isinstance(decision, Retry):
            action = decision
        else:
            error = error_from_response(
                status_code=status_code,
                headers=headers,
                lookup=lookup,
                request_id=request_id,
                retry_after=wait,
                body=body,
                idempotency_key=idempotency_key,
                request=request,
            )
            action = Raise(error, reason=decision.reason)
    return AttemptOutcome(
        status_code=status_code,
        lookup=lookup,
        rate_limit=rate_limit,
        request_id=request_id,
        server_wait=wait,
        slowdown=slowdown,
        action=action,
    )


def _read_body(
    operation: Operation, status_code: int, lookup: Mapping[str, str], content: bytes | Exception
) -> tuple[Any, UnreadableBody | None]:
    """The decoded body, or None with the reason it cannot be read."""
    if isinstance(content, Exception):
        reason = f"its body could not be read ({type(content).__name__}: {content})"
        return None, UnreadableBody(reason)
    try:
        return decode_body(
            status_code, lookup, content, success_is_text=operation.returns_text
        ), None
    except UnreadableBody as exc:
        return None, exc
