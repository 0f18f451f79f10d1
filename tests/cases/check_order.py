"""Tables of ``tests/_async/test_check_order.py``, written once for it and its generated sync
twin: calls that break a field's own rule AND a cross-field rule, each beside the same call
with the field mended (so it breaks the cross-field rule only).

(name, method path, arguments, keyword arguments, field refused first, words of its rule,
field the cross-field rule refuses once the field is mended, mended keyword arguments)
"""

from __future__ import annotations

from typing import Any

Row = tuple[str, str, tuple[Any, ...], dict[str, Any], str, str, str, dict[str, Any]]

TASK = {"saved_account_id": "sa_1", "target_video_url": "https://www.tiktok.com/@a/video/1"}

BOTH_BROKEN: list[Row] = [
    (
        "create: negative edits, and videos missing for its type",
        "bundles.create",
        (),
        {"bundle_type": "account_and_videos", "country": "USA", "edits_quantity": -1},
        "edits_quantity",
        "at least 0",
        "videos_quantity",
        {"edits_quantity": 0},
    ),
    (
        "create: a 1-letter term, and terms with a count",
        "bundles.create",
        (),
        {
            "bundle_type": "account_only",
            "country": "USA",
            "wants_advanced_warming": True,
            "advanced_warming_terms": ["a", "bb", "cc"],
            "advanced_warming_terms_count": 3,
        },
        "advanced_warming_terms[0]",
        "at least 2 characters",
        "advanced_warming_terms_count",
        {"advanced_warming_terms": ["aa", "bb", "cc"]},
    ),
    (
        "bulk: 101 accounts, and more upload accounts than accounts",
        "bundles.create_bulk",
        (),
        {
            "platforms": ["tiktok"],
            "country": "USA",
            "accounts_count": 101,
            "upload_accounts_count": 200,
        },
        "accounts_count",
        "1 to 100",
        "upload_accounts_count",
        {"accounts_count": 100},
    ),
    (
        "configure: not a calendar date, and a description on a story",
        "bundles.videos.configure",
        ("b_1", 1),
        {
            "video_type": "story",
            "target_publish_date": "2026-02-30",
            "description": "hello",
            "video_url": "https://cdn.example/v.mp4",
        },
        "target_publish_date",
        "calendar date",
        "description",
        {"target_publish_date": "2026-02-28"},
    ),
    (
        "batch item: not a URL, and a story with no media",
        "bundles.videos.configure_batch",
        ("b_1",),
        {
            "videos": [
                {
                    "position": 1,
                    "video_type": "story",
                    "target_publish_date": "2026-02-28",
                    "story_repost_url": "not a url",
                }
            ]
        },
        "videos[0].story_repost_url",
        "http(s) URL",
        "videos[0].video_url",
        {
            "videos": [
                {
                    "position": 1,
                    "video_type": "story",
                    "target_publish_date": "2026-02-28",
                    "story_repost_url": "https://www.tiktok.com/@a/video/2",
                }
            ]
        },
    ),
    (
        "comment: a blank text, and a reply without the comment's URL",
        "comments.create",
        (),
        {**TASK, "comment_text": "   ", "target_type": "comment"},
        "comment_text",
        "must not be empty",
        "target_comment_url",
        {"comment_text": "So true"},
    ),
]
