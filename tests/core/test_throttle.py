"""Token-bucket arithmetic."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tokportal._core.throttle import MIN_RATE, PROBE_POLL_INTERVAL, TokenBucket


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
    # Retry-After is when the server has a token again: the first in line goes then (it
    # used to wait one more token interval on top), the next one a token later.
    assert bucket.reserve(0.0) == pytest.approx(4.0)
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


@pytest.mark.parametrize(
    ("rate", "burst"), [(0, None), (-1, None), (60, 0), (math.inf, None), (math.nan, None)]
)
def test_bad_settings_are_refused(rate: float, burst: int | None) -> None:
    with pytest.raises(ValueError):
        TokenBucket.per_minute(rate, burst)


# --- tickets: waiters follow the schedule as it changes ------------------------------------


def test_a_ticket_is_due_at_a_supply_level_and_waits_follow_it() -> None:
    bucket = TokenBucket.per_minute(60, burst=1)
    first = bucket.take(0.0)
    second = bucket.take(0.0)
    assert first.wait == 0.0
    assert second.wait == pytest.approx(1.0)
    assert second.due is not None
    assert bucket.wait_for(second.due, 0.25) == pytest.approx(0.75)
    assert bucket.wait_for(second.due, 1.0) == 0.0


def test_a_429_moves_every_waiter_already_asleep() -> None:
    bucket = TokenBucket.per_minute(60, burst=1)
    bucket.take(0.0)
    waiting = [bucket.take(0.0) for _ in range(3)]  # due 1 s, 2 s, 3 s from now
    bucket.penalize(5.0, now=0.5)  # no send before 5.5 s
    dues = [ticket.due for ticket in waiting if ticket.due is not None]
    assert len(dues) == 3
    # Woken at their old times, each is told to sleep on past the hold.
    assert bucket.wait_for(dues[0], 1.0) == pytest.approx(4.5)  # at 5.5: the server's token
    assert bucket.wait_for(dues[1], 2.0) == pytest.approx(4.5)  # at 6.5
    assert bucket.wait_for(dues[2], 3.0) == pytest.approx(4.5)  # at 7.5


def test_a_cut_rate_spreads_the_waiters_already_asleep() -> None:
    bucket = TokenBucket.per_minute(120, burst=1)
    bucket.take(0.0)
    bucket.served(remaining=0, sent_at=0.0)
    waiting = [bucket.take(0.0) for _ in range(4)]  # every 0.5 s at 2/s
    # The one sent at 0.5 s is refused: the server needs 2 more seconds (Retry-After 2),
    # so one token takes more than 0.5 + 1 s: the rate is cut to 1/1.5 s.
    bucket.penalize(2.0, now=0.5, sent_at=0.5)
    assert bucket.rate == pytest.approx(1 / 1.5)
    later = [ticket.due for ticket in waiting[1:]]
    assert None not in later
    waits = [bucket.wait_for(due, 0.5) for due in later if due is not None]
    # First token at 0.5 + 2 (Retry-After), then one every 1.5 s.
    assert waits == pytest.approx([2.0, 3.5, 5.0])


# --- R5: cancelled waiters give their token back -------------------------------------------


def test_a_thousand_cancelled_waiters_cost_the_next_caller_nothing() -> None:
    bucket = TokenBucket.per_minute(120, burst=20)
    for _ in range(20):
        bucket.take(0.0)
    for _ in range(1000):
        bucket.take(0.0)
    assert bucket.take(0.0).wait == pytest.approx(1001 / 2)  # what R5 measured, roughly
    bucket.refund(0.0)
    for _ in range(1000):
        bucket.refund(0.1)
    # Within one token interval (0.5 s at 120/min), and exactly what the refill allows.
    assert bucket.take(0.1).wait == pytest.approx(0.5 - 0.1)
    assert bucket.tokens == pytest.approx(0.2 - 1.0)


def test_a_refund_never_overfills_the_bucket() -> None:
    bucket = TokenBucket.per_minute(60, burst=2)
    bucket.take(0.0)
    bucket.refund(10.0)
    assert bucket.tokens == 2.0


def test_a_refund_before_the_burst_is_known_is_a_no_op() -> None:
    bucket = TokenBucket.per_minute(60)
    bucket.refund(0.0)
    assert bucket.capacity is None
    assert bucket.take(0.0).probe


# --- learning the server's refill rate -----------------------------------------------------


def test_reset_gives_a_floor_and_the_rate_never_exceeds_the_configured_one() -> None:
    bucket = TokenBucket.per_minute(120, burst=10)
    # Full before the request (remaining == limit - 1): exactly one token missing, back
    # within reset - sent seconds: the server refills at least 1 / 2.5 per second.
    bucket.observe_reset(
        limit=10, remaining=9, reset=1_000_003, sent_wall=1_000_000.5, sent_at=0.0, now=0.0
    )
    assert bucket.floor_rate == pytest.approx(1 / 2.5)
    assert bucket.rate == 2.0  # a floor below the configured rate changes nothing
    # More than 9 - 0 - 1 = 8 tokens missing, back within 2 s: at least 4/s, capped at 2/s.
    bucket.observe_reset(
        limit=10, remaining=0, reset=1_000_003, sent_wall=1_000_001.0, sent_at=0.0, now=0.0
    )
    assert bucket.floor_rate == 2.0
    assert bucket.rate == 2.0


def test_a_window_of_resets_bounds_the_rate_without_a_shared_clock() -> None:
    bucket = TokenBucket.per_minute(120, burst=1)
    # The server's clock is an hour ahead: single responses say nothing useful ...
    skew = 3600.0
    for k in range(11):
        sent = 2.0 * k
        bucket.observe_reset(
            limit=1,
            remaining=0,
            reset=math.ceil(skew + sent + 2.0),
            sent_wall=sent,
            sent_at=sent,
            now=sent + 0.01,
        )
    # ... but ten requests moved the server's full time by 20 s: > 10 / 21 per second.
    assert bucket.floor_rate == pytest.approx(10 / 21)
    assert bucket.floor_rate < 0.5


def test_a_429_cuts_the_rate_once_per_round_and_never_below_the_floor() -> None:
    bucket = TokenBucket.per_minute(120, burst=5)
    bucket.floor_rate = 1.0
    bucket.penalize(1.0, now=10.0, sent_at=9.9)
    assert bucket.rate == pytest.approx(1.5)  # 2/s * 0.75
    bucket.penalize(1.0, now=10.1, sent_at=9.95)  # sent before the cut: no new evidence
    assert bucket.rate == pytest.approx(1.5)
    bucket.penalize(1.0, now=12.0, sent_at=11.0)
    assert bucket.rate == pytest.approx(1.125)
    bucket.penalize(1.0, now=14.0, sent_at=13.0)
    assert bucket.rate == 1.0  # the floor holds


def test_a_429_at_the_floor_proves_the_floor_wrong() -> None:
    bucket = TokenBucket.per_minute(120, burst=5)
    bucket.floor_rate = 1.0
    bucket.rate = 1.0
    bucket.penalize(1.0, now=10.0, sent_at=9.0)
    assert bucket.floor_rate == pytest.approx(0.75)
    assert bucket.rate == pytest.approx(0.75)
    # Answers to requests sent before that 429 no longer count.
    bucket.observe_reset(
        limit=5, remaining=0, reset=1_000_002, sent_wall=1_000_000.0, sent_at=9.5, now=10.5
    )
    assert bucket.floor_rate == pytest.approx(0.75)


def test_the_rate_is_never_cut_below_one_request_a_minute() -> None:
    bucket = TokenBucket.per_minute(120, burst=1)
    for k in range(100):
        bucket.penalize(1.0, now=float(k), sent_at=float(k))
    assert bucket.rate == MIN_RATE


def test_a_429_without_sent_time_only_holds() -> None:
    bucket = TokenBucket.per_minute(120, burst=5)
    bucket.penalize(3.0, now=0.0)
    assert bucket.rate == 2.0


def test_a_reset_that_is_not_unix_seconds_teaches_nothing() -> None:
    bucket = TokenBucket.per_minute(120, burst=1)
    for k in range(10):
        # Seconds until full, as some APIs send: a window would read "10 calls in 1 s".
        bucket.observe_reset(
            limit=1, remaining=0, reset=2, sent_wall=1_790_000_000.0 + k, sent_at=k, now=k
        )
    assert bucket.floor_rate == 0.0


def test_far_waiters_nap_so_that_a_faster_rate_reaches_them() -> None:
    bucket = TokenBucket.per_minute(60, burst=1)
    assert bucket.nap(2.0) == 2.0  # two token intervals: sleep it out
    assert bucket.nap(10.0) == 5.0  # farther: half, then ask again


def test_a_bucket_of_one_spaces_grants_from_the_last_one_given() -> None:
    bucket = TokenBucket.per_minute(60, burst=1)
    bucket.take(0.0)
    late = bucket.take(0.0)
    after = bucket.take(0.0)
    assert late.due is not None
    assert after.due is not None
    assert bucket.wait_for(late.due, 1.3) == 0.0  # woke 0.3 s late: goes at once
    # Its own due passed at 2.0 s, but the server's bucket of one refills from 1.3 s.
    assert bucket.wait_for(after.due, 2.0) == pytest.approx(0.3)
    assert bucket.wait_for(after.due, 2.3) == 0.0


# --- whatever the server says, the bucket stays sane ---------------------------------------

_events = st.lists(
    st.one_of(
        st.tuples(st.just("take"), st.floats(0, 5)),
        st.tuples(st.just("refund"), st.floats(0, 5)),
        st.tuples(st.just("429"), st.floats(0, 120)),
        st.tuples(
            st.just("answer"),
            st.tuples(st.integers(-5, 200), st.integers(-5, 200), st.integers(-100, 10**10)),
        ),
    ),
    max_size=60,
)


@given(events=_events, burst=st.one_of(st.none(), st.integers(1, 50)))
def test_the_bucket_stays_within_its_bounds(
    events: list[tuple[str, Any]], burst: int | None
) -> None:
    bucket = TokenBucket.per_minute(120, burst)
    now = 0.0
    dues: list[float] = []
    for kind, value in events:
        if kind == "take":
            now += value
            ticket = bucket.take(now)
            assert ticket.wait >= 0
            if ticket.due is not None:
                dues.append(ticket.due)
        elif kind == "refund" and dues:
            now += value
            dues.pop()
            bucket.refund(now)
        elif kind == "429":
            bucket.penalize(value, now, sent_at=now - 0.1)
        elif kind == "answer":
            limit, remaining, reset = value
            bucket.observe(limit=limit, remaining=remaining, now=now)
            bucket.served(remaining=remaining, sent_at=now)
            bucket.observe_reset(
                limit=limit,
                remaining=remaining,
                reset=reset,
                sent_wall=1_790_000_000.0 + now,
                sent_at=now,
                now=now,
            )
        assert min(MIN_RATE, 2.0) <= bucket.rate <= 2.0
        assert 0.0 <= bucket.floor_rate <= 2.0
        if bucket.capacity is not None:
            assert bucket.tokens <= bucket.capacity
        for due in dues:
            wait = bucket.wait_for(due, now)
            assert 0.0 <= wait < math.inf
