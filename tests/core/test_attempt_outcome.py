"""One attempt's outcome, as a pure function of the response and the clocks given to it."""

from __future__ import annotations

import email.utils
import json

import httpx

from tokportal import OPERATIONS, APIResponseValidationError, RateLimitError
from tokportal._core.outcome import Done, Raise, attempt_outcome
from tokportal._core.retry import Retry, RetryPolicy

WALL = 1_800_000_000.0  # a fixed wall clock (Unix seconds)
WRITE = OPERATIONS["createBundle"]


def outcome(  # type: ignore[no-untyped-def]
    status: int, headers: dict[str, str], body: object = None, *, content=None, **kwargs
):
    raw = content if content is not None else (b"" if body is None else json.dumps(body).encode())
    options = {"retries_done": 0, "policy": RetryPolicy(), **kwargs}
    return attempt_outcome(
        WRITE,
        status_code=status,
        headers=httpx.Headers({"Content-Type": "application/json", **headers}),
        content=raw,
        idempotency_key="key-1",
        request=None,
        wall_now=WALL,
        jitter=0.5,
        **options,
    )


def test_a_429_with_an_http_date_waits_until_that_date_on_the_given_wall_clock() -> None:
    when = email.utils.formatdate(WALL + 42, usegmt=True)
    result = outcome(
        429,
        {
            "Retry-After": when,
            "X-TokPortal-Request-ID": "req_9",
            "X-RateLimit-Limit": "60",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": str(int(WALL + 42)),
        },
        {"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "slow down"}},
    )
    assert result.server_wait == 42.0
    assert result.action == Retry(42.0, "status 429, server asked to wait")
    assert result.slowdown == 42.0  # the throttle holds off as long
    assert result.request_id == "req_9"
    assert result.rate_limit is not None
    assert (result.rate_limit.limit, result.rate_limit.remaining) == (60, 0)
    assert result.lookup["retry-after"] == when


def test_the_wait_is_the_same_in_the_error_when_no_retry_is_left() -> None:
    when = email.utils.formatdate(WALL + 30, usegmt=True)
    result = outcome(
        429,
        {"Retry-After": when},
        {"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "slow down"}},
        retries_done=2,
    )
    assert isinstance(result.action, Raise)
    error = result.action.error
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 30.0 == result.server_wait
    assert error.idempotency_key == "key-1"
    assert result.action.reason == "gave up after 2 retries"


def test_a_capacity_cooldown_teaches_the_throttle_nothing() -> None:
    body = {"error": {"code": "CAPACITY_COOLDOWN", "message": "x", "details": {}}}
    result = outcome(429, {"Retry-After": "5"}, body)
    assert result.slowdown is None
    assert isinstance(result.action, Raise)


def test_a_429_without_a_wait_slows_the_throttle_a_second() -> None:
    result = outcome(429, {}, {"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "x"}})
    assert result.server_wait is None
    assert result.slowdown == 1.0
    assert isinstance(result.action, Retry)


def test_a_success_is_done_with_what_the_headers_said() -> None:
    result = outcome(
        201, {"X-Request-ID": "req_1", "X-RateLimit-Remaining": "7"}, {"data": {"id": "b"}}
    )
    assert isinstance(result.action, Done)
    response = result.action.response
    assert (response.request_id, response.data, response.idempotency_key) == (
        "req_1",
        {"id": "b"},
        "key-1",
    )
    assert response.rate_limit is result.rate_limit
    assert result.server_wait is None and result.slowdown is None


def test_an_unreadable_success_raises_with_the_key_and_the_cause() -> None:
    failure = ValueError("boom")
    result = outcome(200, {"X-Request-ID": "req_2"}, content=failure)
    assert isinstance(result.action, Raise)
    assert isinstance(result.action.error, APIResponseValidationError)
    assert result.action.error.request_id == "req_2"
    assert result.action.cause is failure
    bad_json = outcome(200, {}, content=b"<html>")
    assert isinstance(bad_json.action, Raise) and bad_json.action.cause is None
