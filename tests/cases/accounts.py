"""Tables and payloads of ``tests/_async/test_accounts.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

import datetime as dt

ACCOUNT = {
    "id": "sa1",
    "platform": "snapchat",
    "username": "fit.daily",
    "country": "USA",
    "banned": False,
    "created_at": "2026-05-01T10:00:00.000Z",
    "new_field": {"x": [1]},
}

BAN = {
    "id": "ban1",
    "account_id": "sa1",
    "platform": "tiktok",
    "status": "under_investigation",
    "reported_at": "2026-05-02T10:00:00Z",
    "updated_at": "2026-05-03T10:00:00Z",
    "resolution": {
        "resolution": "refund",
        "reason_code": "tos_ban",
        "refund_credits": 32,
        "resolved_at": "2026-05-03T10:00:00Z",
        "note": "staff",
    },
    "screenshot_url": "https://files.test/s.png",
}

SINCE_WATERMARKS = [
    ("2026-05-03T10:00:00.123456+00", "2026-05-03T10:00:00.123456+00"),
    ("2026-05-03T10:00:00Z", "2026-05-03T10:00:00Z"),
    (dt.datetime(2026, 5, 3, 10, tzinfo=dt.timezone.utc), "2026-05-03T10:00:00Z"),
    (
        dt.datetime(2026, 5, 3, 12, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        "2026-05-03T12:00:00+02:00",
    ),
]

EDIT_REQUEST_REFUSALS = [
    ("requested_username", {"requested_username": "a" * 25}),
    ("requested_username", {"requested_username": ""}),
    ("requested_username", {"requested_username": "fit daily"}),
    ("requested_username", {"requested_username": "fit-daily"}),
    ("requested_visible_name", {"requested_visible_name": "b" * 31}),
    ("requested_visible_name", {"requested_visible_name": ""}),
    ("requested_biography", {"requested_biography": "c" * 81}),
]
