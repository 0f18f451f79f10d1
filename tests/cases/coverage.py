"""Tables and payloads of ``tests/_async/test_coverage.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

import datetime as dt

from tokportal.models.coverage import (
    ReactivationQuote,
)

PERIOD_END = "2026-09-09T11:00:00.000Z"

LAPSED = {
    "status": "lapsed",
    "reactivation_quote": {
        "credits": 50,
        "current_period_end": PERIOD_END,
        "lock_version": 7,
        "periods": 2,
    },
    "renews_at": None,
}

QUOTE = ReactivationQuote(credits=50, current_period_end=PERIOD_END, lock_version=7)

REACTIVATION_REFUSALS = [
    ("quote", {"quote": None}),
    ("quote", {"quote": {"credits": 50}}),
    ("expected_credits", {"quote": QUOTE, "expected_credits": 50}),
    (
        "expected_lock_version",
        # A quote built by hand against its types (a real one always has all three).
        {"quote": ReactivationQuote(credits=1, current_period_end="x", lock_version=None)},  # type: ignore[arg-type]
    ),
    ("expected_credits", {}),
    (
        "expected_lock_version",
        {"expected_credits": 50, "expected_current_period_end": PERIOD_END},
    ),
    (
        "expected_credits",
        {
            "expected_credits": "50",
            "expected_current_period_end": PERIOD_END,
            "expected_lock_version": 7,
        },
    ),
    (
        "expected_lock_version",
        {
            "expected_credits": 50,
            "expected_current_period_end": PERIOD_END,
            "expected_lock_version": True,
        },
    ),
    (
        "expected_current_period_end",
        {
            "expected_credits": 50,
            "expected_current_period_end": dt.datetime(2026, 9, 9, 11),
            "expected_lock_version": 7,
        },
    ),
    (
        "expected_current_period_end",
        {
            "expected_credits": 50,
            "expected_current_period_end": " ",
            "expected_lock_version": 7,
        },
    ),
]
