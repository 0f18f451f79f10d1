"""Local checks for comment tasks (API.md §2.12). Only documented rules: see
``validation``'s docstring.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._types import NOT_GIVEN
from ..models._enums import CommentTargetType
from . import validation as check

MAX_BATCH = 200
# Comment length limits per platform; YouTube is not supported by the Comments product.
MAX_TEXT = {"tiktok": 150, "instagram": 2200}
MAX_TEXT_ANY = max(MAX_TEXT.values())
TARGET_TYPES = frozenset(t.value for t in CommentTargetType)
REQUIRED = ("saved_account_id", "target_video_url", "comment_text")


def _text(value: Any) -> Any:
    return getattr(value, "value", value)


def platform_hint(platform: Any) -> str | None:
    """The hinted platform's name; the hint is never sent (the API derives the platform)."""
    if not check.given(platform):
        return None
    # An open set: a platform this SDK does not know gets the longest documented limit;
    # YouTube is documented as not supported (API.md §2.12).
    text = check.open_choice("platform", platform, {*MAX_TEXT, "youtube"})
    if text == "youtube":
        raise check.refuse("platform", platform, "the Comments product does not support YouTube")
    return text


def check_create(tasks: Any, single: Mapping[str, Any], platform: str | None) -> dict[str, Any]:
    """``createCommentTasks``: a batch (``tasks``) or one task's fields, not both."""
    if tasks is not NOT_GIVEN:
        if single:
            name = next(iter(single))
            raise check.refuse(name, single[name], "give tasks=[...] or one task, not both")
        return {"tasks": check_batch(tasks, platform)}
    return check_task(single, platform)


def check_task(task: Any, platform: str | None, prefix: str = "") -> dict[str, Any]:
    """One task's documented rules; ``prefix`` locates it in a batch (``tasks[3].``)."""
    if not isinstance(task, Mapping):
        raise check.refuse(prefix.rstrip(".") or "task", task, "must be a mapping of fields")
    for name in REQUIRED:
        value = task.get(name)
        if not check.given(value):
            raise check.refuse(prefix + name, value, "is required")
        if not isinstance(value, str):
            raise check.refuse(prefix + name, value, "must be a string")
        check.non_empty(prefix + name, value)
    text = task["comment_text"]
    limit = MAX_TEXT.get(platform, MAX_TEXT_ANY) if platform else MAX_TEXT_ANY
    if len(text) > limit:
        where = f"on {platform}" if platform in MAX_TEXT else "(TikTok: 150)"
        raise check.refuse(
            prefix + "comment_text",
            text,
            f"must be at most {limit} characters {where} (got {len(text)})",
        )
    target_type = task.get("target_type")
    if check.given(target_type):
        check.open_choice(prefix + "target_type", target_type, TARGET_TYPES)
    if _text(target_type) == "comment":
        if platform == "instagram":
            raise check.refuse(
                prefix + "target_type", target_type, "replies to a comment are TikTok only"
            )
        if not check.given(task.get("target_comment_url")):
            raise check.refuse(
                prefix + "target_comment_url",
                task.get("target_comment_url"),
                "is required when target_type is 'comment'",
            )
        check.non_empty(prefix + "target_comment_url", task["target_comment_url"])
    if check.given(task.get("brief_id")):
        check.non_empty(prefix + "brief_id", task["brief_id"])
    return dict(task)


def check_batch(tasks: Any, platform: str | None) -> list[dict[str, Any]]:
    if isinstance(tasks, (str, Mapping)) or not isinstance(tasks, Sequence):
        raise check.refuse("tasks", tasks, "must be a list of tasks")
    if not 1 <= len(tasks) <= MAX_BATCH:
        raise check.refuse("tasks", tasks, f"must hold 1 to {MAX_BATCH} tasks (got {len(tasks)})")
    return [check_task(task, platform, f"tasks[{i}].") for i, task in enumerate(tasks)]


def status_filter(status: Any) -> str:
    """One or several statuses as the API wants them: one comma-separated value."""
    items = [status] if isinstance(status, str) else status
    if not isinstance(items, Sequence) or not items:
        raise check.refuse("status", status, "give a status or a non-empty list of statuses")
    texts = [_text(item) for item in items]
    for index, text in enumerate(texts):
        if not isinstance(text, str) or not text.strip():
            field = "status" if isinstance(status, str) else f"status[{index}]"
            raise check.refuse(field, items[index], "must be a non-empty string")
    return ",".join(texts)


def check_dispute(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``disputeCommentTask``."""
    return {**fields, "reason": check_reason(fields["reason"])}


def check_list(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``listCommentTasks``: one status or several, sent comma-separated."""
    query = dict(fields)
    if "status" in query:
        query["status"] = status_filter(query["status"])
    return query


def check_reason(reason: Any) -> str:
    """``disputeCommentTask``: the reason is a non-empty string."""
    if not isinstance(reason, str):
        raise check.refuse("reason", reason, "must be a string")
    check.non_empty("reason", reason)
    return reason
