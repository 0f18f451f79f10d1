"""Token-bucket arithmetic."""

from __future__ import annotations

import pytest

from tokportal._core.throttle import PROBE_POLL_INTERVAL, TokenBucket


def test_one_probe_until_the_burst_is_known() -> None:
    bucket = TokenBucket.per_minute(120)
    assert bucket.reserve(0.0) == 0.0
    assert bucket.reserve(0.0) == PROBE_POLL_INTERVAL
    bucket.observe(limit=20, remaining=19, now=0.01)
    assert bucket.capacity == 20
    waits = [bucket.reserve(0.01) for _ in range(21)]
    assert waits[:19] == [0.0] * 19
    assert waits[19] == pytest.approx(0.5)  # 2 tokens per second
    assert waits[20] == pytest.approx(1.0)


def test_configured_burst_needs_no_probe() -> None:
    bucket = TokenBucket.per_minute(60, burst=2)
    assert [bucket.reserve(0.0) for _ in range(3)] == [0.0, 0.0, 1.0]


def test_refill_is_continuous_and_capped() -> None:
    bucket = TokenBucket.per_minute(60, burst=2)
    bucket.reserve(0.0)
    bucket.reserve(0.0)
    assert bucket.reserve(100.0) == 0.0
    assert bucket.tokens == pytest.approx(1.0)


def test_server_remaining_lowers_tokens_never_raises_them() -> None:
    bucket = TokenBucket.per_minute(60, burst=10)
    bucket.observe(limit=10, remaining=3, now=0.0)
    assert bucket.tokens == 3
    bucket.observe(limit=10, remaining=9, now=0.0)
    assert bucket.tokens == 3


def test_smaller_server_limit_shrinks_capacity() -> None:
    bucket = TokenBucket.per_minute(600, burst=100)
    bucket.observe(limit=20, remaining=None, now=0.0)
    assert bucket.capacity == 20
    assert bucket.tokens == 20


def test_penalty_holds_everyone_back() -> None:
    bucket = TokenBucket.per_minute(60, burst=5)
    bucket.penalize(4.0, now=0.0)
    assert bucket.reserve(0.0) == pytest.approx(5.0)


def test_silent_server_gives_a_minute_of_burst() -> None:
    bucket = TokenBucket.per_minute(30)
    bucket.reserve(0.0)
    bucket.observe(limit=None, remaining=None, now=0.0)
    assert bucket.capacity == 30


def test_abandoned_probe_lets_the_next_caller_probe() -> None:
    bucket = TokenBucket.per_minute(60)
    bucket.reserve(0.0)
    bucket.abandon_probe()
    assert bucket.reserve(0.0) == 0.0


@pytest.mark.parametrize(("rate", "burst"), [(0, None), (-1, None), (60, 0)])
def test_bad_settings_are_refused(rate: float, burst: int | None) -> None:
    with pytest.raises(ValueError):
        TokenBucket.per_minute(rate, burst)
