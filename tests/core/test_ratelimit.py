"""The shared budget's pure parts: its key, its settings, the script's operands and reply."""

from __future__ import annotations

import pytest

from tests.helpers import API_KEY
from tokportal._core.api_response import RateLimitInfo
from tokportal._core.ratelimit import GcraReply, observe_args, script_args
from tokportal.ratelimit import RateLimitObservation, RedisRateLimiter


def test_the_budget_key_is_a_hash_of_key_and_server_never_the_key() -> None:
    limiter = RedisRateLimiter.from_url("redis://localhost:6379/0")
    key = limiter.budget_key(api_key=API_KEY, base_url="https://app.tokportal.com/api/ext")
    assert key.startswith("tokportal:ratelimit:")
    assert API_KEY not in key and API_KEY[-8:] not in key
    # The same key on the same server: the same budget, whichever worker asks ...
    assert key == limiter.budget_key(api_key=API_KEY, base_url="https://app.tokportal.com/api/ext")
    # ... another key, or the same key on another server (the emulator): another budget.
    assert key != limiter.budget_key(
        api_key=API_KEY + "x", base_url="https://app.tokportal.com/api/ext"
    )
    assert key != limiter.budget_key(api_key=API_KEY, base_url="http://127.0.0.1:8000")


def test_a_namespace_given_names_the_budget() -> None:
    limiter = RedisRateLimiter.from_url("redis://localhost", namespace="fleet-a")
    assert (
        limiter.budget_key(api_key=API_KEY, base_url="https://x") == "tokportal:ratelimit:fleet-a"
    )


def test_the_redis_password_never_shows_in_a_repr() -> None:
    limiter = RedisRateLimiter.from_url("redis://worker:s3cr3t-pw@redis.internal:6379/2")
    assert "s3cr3t-pw" not in repr(limiter)
    assert "redis://worker:***@redis.internal:6379/2" in repr(limiter)
    assert "s3cr3t-pw" not in repr(RedisRateLimiter.from_url("rediss://:s3cr3t-pw@h:6380"))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"on_backend_error": "ignore"}, "on_backend_error"),
        ({"rate_limit": 0}, "rate_limit"),
        ({"rate_limit": float("inf")}, "rate_limit"),
        ({"burst": 0}, "burst"),
    ],
)
def test_settings_that_cannot_work_are_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RedisRateLimiter.from_url("redis://localhost", **options)  # type: ignore[arg-type]


def test_the_script_operands() -> None:
    assert script_args("acquire", interval_us=100_000, burst=None)[:3] == ["acquire", 100_000, 0]
    assert script_args("refund", interval_us=5, burst=20, extra=(7,))[:4] == ["refund", 5, 20, 7]
    headers = RateLimitInfo(limit=20, remaining=3, reset=None)
    assert observe_args(RateLimitObservation(200, headers)) == (20, 3, -1)
    assert observe_args(RateLimitObservation(200, None)) == (0, -1, -1)
    # Only a 429 holds; its wait goes in whole microseconds, rounded up.
    assert observe_args(RateLimitObservation(429, headers, 1.5)) == (20, 3, 1_500_000)
    assert observe_args(RateLimitObservation(503, headers, 1.5)) == (20, 3, -1)


def test_the_script_reply_in_seconds() -> None:
    assert GcraReply.parse([250_000, 3, 0]) == GcraReply(wait=0.25, seq=3, hold_left=0.0)
    # A negative wait: nothing reserved (the burst is being learnt), ask again after it.
    assert GcraReply.parse([b"-10000", b"0", b"-1"]) == GcraReply(
        wait=0.01, seq=0, hold_left=0.0, reserved=False
    )


def test_clients_with_a_redis_limiter_are_built_outside_any_event_loop() -> None:
    """As a module-level client is: nothing of Redis is opened before the first call."""
    from tokportal import AsyncTokPortal, TokPortal

    limiter = RedisRateLimiter.from_url("redis://127.0.0.1:1/0")
    AsyncTokPortal(api_key=API_KEY, rate_limiter=limiter)
    with TokPortal(api_key=API_KEY, rate_limiter=limiter):
        pass


def test_a_redis_limiter_needs_a_rate() -> None:
    from tokportal import AsyncTokPortal
    from tokportal.errors import TokPortalError

    with pytest.raises(TokPortalError, match="needs the key's rate"):
        AsyncTokPortal(
            api_key=API_KEY,
            rate_limit=None,
            rate_limiter=RedisRateLimiter.from_url("redis://127.0.0.1:1/0"),
        )
