"""Tables and payloads of ``tests/_async/test_analytics.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

import datetime as dt

from tokportal.models.analytics import (
    AnalyticsGranularity,
    AnalyticsMetric,
    AnalyticsMode,
)

SERIES_ENUM_ARGUMENTS = [
    (
        {"metric": AnalyticsMetric.VIEWS, "granularity": "day", "mode": "cumulative"},
        [("metric", "views"), ("granularity", "day"), ("mode", "cumulative")],
    ),
    (
        {"metric": "shares", "granularity": AnalyticsGranularity.WEEK, "mode": "snapshot"},
        [("metric", "shares"), ("granularity", "week"), ("mode", "snapshot")],
    ),
    (
        {"metric": "likes", "mode": AnalyticsMode.GAINED, "account": "a1"},
        [("metric", "likes"), ("mode", "gained"), ("account", "a1")],
    ),
]

DATE_BOUNDS = [
    (dt.date(2026, 1, 2), "2026-01-02"),
    (dt.datetime(2026, 1, 2, 3, 4, 5), "2026-01-02T03:04:05"),
    (dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.timezone.utc), "2026-01-02T03:04:00Z"),
    (
        dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        "2026-01-02T03:04:00+02:00",
    ),
    ("2026-01-02", "2026-01-02"),
    ("2026-01-02T03:04:05.123Z", "2026-01-02T03:04:05.123Z"),
    ("2026-01-02T03:04:05+0200", "2026-01-02T03:04:05+0200"),
]
