"""The retry decision and the Retry-After parser, as pure functions."""

from __future__ import annotations

import email.utils

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tokportal import OPERATIONS
from tokportal._core.retry import (
    FailureKind,
    Retry,
    RetryPolicy,
    Stop,
    backoff,
    decide_after_failure,
    decide_after_response,
    parse_retry_after,
    retry_after_from_body,
    server_wait,
)

NOW = 1_800_000_000.0
POLICY = RetryPolicy()
WRITE = OPERATIONS["createBundle"]
READ = OPERATIONS["getBundle"]
SECRET = OPERATIONS["revealAccountCredentials"]


def decide(status: int, *, op=WRITE, headers=None, body=None, retries_done=0):  # type: ignore[no-untyped-def]
    return decide_after_response(
        op,
        status_code=status,
        body=body,
        wait=server_wait(headers or {}, body, now=NOW),
        retries_done=retries_done,
        policy=POLICY,
        jitter=0.5,
    )


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses(status: int) -> None:
    assert isinstance(decide(status), Retry)


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 409, 422, 428, 501, 505])
def test_other_statuses_stop(status: int) -> None:
    assert isinstance(decide(status), Stop)


def test_budget_is_respected() -> None:
    assert isinstance(decide(503, retries_done=1), Retry)
    assert isinstance(decide(503, retries_done=2), Stop)


def test_capacity_cooldown_stops_whatever_the_case() -> None:
    for code in ("capacity_cooldown", "CAPACITY_COOLDOWN"):
        body = {"error": {"code": code}}
        assert isinstance(decide(429, body=body, headers={"Retry-After": "1"}), Stop)


def test_sensitive_operations_retry_only_what_provably_never_ran() -> None:
    assert isinstance(decide(503, op=SECRET), Stop)
    assert isinstance(decide(429, op=SECRET, headers={"Retry-After": "1"}), Retry)
    for kind, expected in [
        (FailureKind.CONNECT, Retry),
        (FailureKind.TIMEOUT, Stop),
        (FailureKind.NETWORK, Stop),
    ]:
        decision = decide_after_failure(SECRET, kind=kind, retries_done=0, policy=POLICY, jitter=0)
        assert isinstance(decision, expected)
        decision = decide_after_failure(WRITE, kind=kind, retries_done=0, policy=POLICY, jitter=0)
        assert isinstance(decision, Retry)


def test_server_wait_over_the_cap_stops() -> None:
    assert isinstance(decide(429, headers={"Retry-After": "61"}), Stop)
    assert decide(429, headers={"Retry-After": "60"}) == Retry(
        60.0, "status 429, server asked to wait"
    )


def test_header_beats_body() -> None:
    body = {"error": {"code": "RATE_LIMIT_EXCEEDED", "details": {"retry_after_seconds": 9}}}
    decision = decide(429, headers={"Retry-After": "2"}, body=body)
    assert isinstance(decision, Retry) and decision.wait == 2.0
    decision = decide(429, body=body)
    assert isinstance(decision, Retry) and decision.wait == 9.0


def test_backoff_bounds() -> None:
    for attempt in range(10):
        ceiling = min(8.0, 0.5 * 2**attempt)
        assert backoff(attempt, POLICY, 0.0) == ceiling / 2
        assert backoff(attempt, POLICY, 0.999999) == pytest.approx(ceiling, rel=1e-5)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "0"}, 0.0),
        ({"retry-after": "2"}, 2.0),
        ({"Retry-After": "0.25"}, 0.25),
        ({"Retry-After": " 3 "}, 3.0),
        ({"Retry-After-Ms": "1500", "Retry-After": "9"}, 1.5),
        ({"Retry-After": "-1"}, None),
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "nan"}, None),
        ({"Retry-After": "inf"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(headers, now=NOW) == expected


def test_parse_retry_after_http_date() -> None:
    future = email.utils.formatdate(NOW + 42, usegmt=True)
    past = email.utils.formatdate(NOW - 42, usegmt=True)
    assert parse_retry_after({"Retry-After": future}, now=NOW) == pytest.approx(42)
    assert parse_retry_after({"Retry-After": past}, now=NOW) == 0.0


@given(
    st.dictionaries(st.sampled_from(["Retry-After", "Retry-After-Ms", "X"]), st.text(max_size=40))
)
def test_parse_retry_after_never_raises_and_never_negative(headers: dict[str, str]) -> None:
    wait = parse_retry_after(headers, now=NOW)
    assert wait is None or wait >= 0


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_parse_retry_after_seconds_round_trip(seconds: float) -> None:
    assert parse_retry_after({"Retry-After": repr(seconds)}, now=NOW) == seconds


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        max_leaves=8,
    )
)
def test_retry_after_from_body_never_raises(body: object) -> None:
    wait = retry_after_from_body({"error": {"details": {"retry_after_seconds": body}}})
    assert wait is None or wait >= 0
