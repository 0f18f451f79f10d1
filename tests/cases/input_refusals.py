"""Tables and payloads of ``tests/_async/test_input_refusals.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

TEN_MB = "\u00e9" * 10_000_000

LONG_VALUES = [
    (
        "title",
        lambda c: c.bundles.create(bundle_type="account_only", country="US", title=TEN_MB),
    ),
    ("bundle_id", lambda c: c.bundles.get("/" * 10_000_000)),
    ("id", lambda c: c.request("getBundle", path_params={"id": TEN_MB + "\ud800"})),
    ("query['q']", lambda c: c.request("listBundles", query={"q": TEN_MB})),
    ("idempotency_key", lambda c: c.bundles.publish("b1", idempotency_key=TEN_MB)),
    ("extra_headers['X-Note']", lambda c: c.me.get(extra_headers={"X-Note": TEN_MB + "\n"})),
    (
        "json['note']",
        lambda c: c.request(
            "addVideoSlots", path_params={"id": "b1"}, json={"note": TEN_MB + "\ud800"}
        ),
    ),
    (
        "comment_text",
        lambda c: c.comments.create(
            saved_account_id="a", target_video_url="https://t/v", comment_text=TEN_MB
        ),
    ),
]

BREAKING_HEADERS = [
    {"X-Evil": "a\r\nX-Injected: 1"},
    {"X-Evil": "caf\u00e9"},
    {"X-Evil": 1},
    {"Bad Name": "v"},
    {"": "v"},
    {"X-Evil": "nul\x00"},
]
