"""Cross-field rules of comment tasks (API.md §2.12). Hand-written; each field's own rule
(types, non-empty texts, 2,200 characters at most, 1–200 tasks) is the spec's, run from the
generated field table before any rule here (a batch item through ``fields.check_item``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import validation as check
from .fields import check_item

# Comment length limits per platform; YouTube is not supported by the Comments product.
# The field table holds the longest (2,200); a platform hint tightens it.
MAX_TEXT = {"tiktok": 150, "instagram": 2200}
REQUIRED = ("saved_account_id", "target_video_url", "comment_text")


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


def create_rule(platform: str | None) -> check.Rule:
    """The ``createCommentTasks`` rule under a platform hint: a batch (``tasks``) or one
    task's fields, not both; each task's own cross-field rules."""

    def rule(body: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
        if "tasks" not in body:
            return check_task(body, platform)
        single = [name for name in body if name != "tasks"]
        if single:
            name = single[0]
            raise check.refuse(name, body[name], "give tasks=[...] or one task, not both")
        tasks = [
            check_task(
                check_item("createCommentTasks", task, where=f"tasks[{i}]."),
                platform,
                f"tasks[{i}].",
            )
            for i, task in enumerate(body["tasks"])
        ]
        return {**body, "tasks": tasks}

    return rule


def check_task(task: Mapping[str, Any], platform: str | None, prefix: str = "") -> dict[str, Any]:
    """One task's rules beyond its fields'; ``prefix`` locates it in a batch (``tasks[3].``)."""
    for name in REQUIRED:
        if not check.given(task.get(name)):
            raise check.refuse(prefix + name, task.get(name), "is required")
    text = task["comment_text"]
    limit = MAX_TEXT.get(platform or "")
    if limit is not None and len(text) > limit:
        raise check.refuse(
            prefix + "comment_text",
            text,
            f"must be at most {limit} characters on {platform} (got {len(text)})",
        )
    if task.get("target_type") == "comment":
        if platform == "instagram":
            raise check.refuse(
                prefix + "target_type", task["target_type"], "replies to a comment are TikTok only"
            )
        if not check.given(task.get("target_comment_url")):
            raise check.refuse(
                prefix + "target_comment_url",
                task.get("target_comment_url"),
                "is required when target_type is 'comment'",
            )
    return dict(task)
