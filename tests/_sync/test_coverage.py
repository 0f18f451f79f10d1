# Generated from tests/_async/test_coverage.py by scripts/generate_sync.py; do not edit.
"""Coverage: the quote is echoed exactly, and a malformed reactivation never leaves."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests._sync.local_refusals import MakeClient, refused
from tests.cases.coverage import LAPSED, PERIOD_END, QUOTE, REACTIVATION_REFUSALS
from tests.helpers import Recorder, ok
from tokportal.models.coverage import (
    CoverageResult,
    CoverageStatus,
    CoverageSubscription,
    ReactivationQuote,
)


def test_status_and_quote_are_typed_and_round_trip(make_client: MakeClient) -> None:
    with make_client(Recorder(ok(LAPSED))) as client:
        coverage = client.coverage.get("sa1")
    assert isinstance(coverage, CoverageSubscription)
    assert coverage.status is CoverageStatus.LAPSED and not coverage.is_active
    quote = coverage.reactivation_quote
    assert quote is not None
    assert (quote.credits, quote.lock_version) == (50, 7)
    assert quote.current_period_end == PERIOD_END
    assert quote.current_period_end_at == dt.datetime(2026, 9, 9, 11, tzinfo=dt.timezone.utc)
    assert quote.extra == {"periods": 2}
    assert coverage.extra == {"renews_at": None}
    assert coverage.to_dict() == LAPSED


def test_unknown_status_survives(make_client: MakeClient) -> None:
    with make_client(Recorder(ok({"status": "grandfathered"}))) as client:
        coverage = client.coverage.get("sa1")
    assert coverage.status == "grandfathered" and type(coverage.status) is str
    assert coverage.reactivation_quote is None


def test_reactivate_echoes_the_quote_it_was_given(make_client: MakeClient) -> None:
    body: dict[str, Any] = {
        "data": {"status": "active", "extra": 1},
        "credits_charged": 50,
        "later": True,
    }
    recorder = Recorder([ok(LAPSED), ok(**body)])
    with make_client(recorder) as client:
        coverage = client.coverage.get("sa1")
        result = client.coverage.reactivate("sa1", quote=coverage.reactivation_quote)
    assert recorder.json() == {
        "expected_credits": 50,
        "expected_current_period_end": PERIOD_END,
        "expected_lock_version": 7,
    }
    assert isinstance(result, CoverageResult)
    assert result.credits_charged == 50
    assert result.coverage is not None and result.coverage.is_active
    assert result.extra == {"later": True}
    assert result.to_dict() == body


def test_zero_credit_quote_is_sent(make_client: MakeClient) -> None:
    recorder = Recorder(ok({"status": "active"}))
    quote = ReactivationQuote(credits=0, current_period_end=PERIOD_END, lock_version=1)
    with make_client(recorder) as client:
        client.coverage.reactivate("sa1", quote=quote)
    assert recorder.json()["expected_credits"] == 0


def test_dry_run_quotes_without_charging(make_client: MakeClient) -> None:
    recorder = Recorder(
        ok({"status": "lapsed"}, credits_charged=0, credits_would_charge=50, dry_run=True)
    )
    with make_client(recorder) as client:
        result = client.coverage.reactivate("sa1", quote=QUOTE, dry_run=True)
    assert recorder.header("X-TokPortal-Dry-Run") == "true"
    assert result.dry_run is True and result.credits_would_charge == 50


def test_cancel_returns_the_coverage(make_client: MakeClient) -> None:
    with make_client(Recorder(ok({"status": "cancelled"}))) as client:
        coverage = client.coverage.cancel("sa1")
    assert coverage.status is CoverageStatus.CANCELLED


@pytest.mark.parametrize(
    ("field", "kwargs"),
    REACTIVATION_REFUSALS,
)
def test_reactivation_without_an_exact_quote_is_refused(
    make_client: MakeClient, field: str, kwargs: dict[str, Any]
) -> None:
    error = refused(make_client, lambda c: c.coverage.reactivate("sa1", **kwargs))
    assert error.field == field
