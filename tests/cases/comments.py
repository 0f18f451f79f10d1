"""Tables and payloads of ``tests/_async/test_comments.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

from typing import Any

from tokportal.models.comments import (
    CommentTaskInput,
    CommentTaskStatus,
)

VIDEO = "https://www.tiktok.com/@brand/video/1"

REPLY_TO = "https://www.tiktok.com/@brand/video/1?comment=9"

TASK = {
    "id": "ct1",
    "status": "awaiting_corrections",
    "platform": "tiktok",
    "saved_account_id": "sa1",
    "target_type": "video",
    "target_video_url": VIDEO,
    "comment_text": "Love this!",
    "cm_payout_amount": 0.5,
    "execution_blocked": True,
    "execution_block_reason": "coverage_inactive",
    "deadline_at": "2026-05-28T10:00:00Z",
    "created_at": "2026-05-25T10:00:00Z",
    "sentiment": "positive",
}

NOTHING_CREATED = {
    "data": {"created": [], "rejected": []},
    "created_count": 0,
    "rejected_count": 0,
    "credits_charged": 0,
}

ONE: CommentTaskInput = {"saved_account_id": "sa1", "target_video_url": VIDEO, "comment_text": "Hi"}


def _task(**changes: Any) -> dict[str, Any]:
    return {**ONE, **changes}


COMMENT_REFUSALS = [
    ("comment_text", {**_task(comment_text="x" * 151), "platform": "tiktok"}),
    ("comment_text", _task(comment_text="x" * 2201)),
    ("comment_text", {**_task(comment_text="x" * 2201), "platform": "instagram"}),
    ("comment_text", _task(comment_text=" ")),
    ("saved_account_id", {"target_video_url": VIDEO, "comment_text": "Hi"}),
    ("target_video_url", _task(target_video_url="")),
    ("target_type", _task(target_type=" ")),
    ("target_comment_url", _task(target_type="comment")),
    (
        "target_type",
        {**_task(target_type="comment", target_comment_url=REPLY_TO), "platform": "instagram"},
    ),
    ("brief_id", _task(brief_id="")),
    ("platform", {**ONE, "platform": "youtube"}),
    ("saved_account_id", {"tasks": [ONE], "saved_account_id": "sa1"}),
    ("tasks", {"tasks": []}),
    ("tasks", {"tasks": [ONE] * 201}),
    ("tasks", {"tasks": ONE}),
    ("tasks[1].comment_text", {"tasks": [ONE, {**ONE, "comment_text": ""}]}),
    (
        "tasks[0].comment_text",
        {"tasks": [{**ONE, "comment_text": "x" * 151}], "platform": "tiktok"},
    ),
    ("tasks[1]", {"tasks": [ONE, "not a task"]}),
]

STATUS_FILTERS = [
    ("pending", "pending"),
    (CommentTaskStatus.FINALIZED, "finalized"),
    (
        ("manually_confirmed", CommentTaskStatus.VERIFIED_AUTO),
        "manually_confirmed,verified_auto",
    ),
]
