# Generated from tokportal/_async/resources/comments.py by scripts/generate_sync.py; do not edit.
"""Comment tasks: ``client.comments``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from ..._core import validation as check
from ..._types import NOT_GIVEN, NotGiven
from ...models._base import ModelList
from ...models._enums import Platform
from ...models._parse import item_parser, parse_list, parse_model
from ...models.comments import (
    CommentTargetType,
    CommentTask,
    CommentTaskCreation,
    CommentTaskInput,
    CommentTaskStatus,
    CommentVerification,
)
from ..pagination import Paginator
from ._resource import Resource, omit_not_given

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions

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
    check.choice("platform", platform, MAX_TEXT)
    return str(_text(platform))


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
    limit = MAX_TEXT[platform] if platform else MAX_TEXT_ANY
    if len(text) > limit:
        where = f"on {platform}" if platform else "(TikTok: 150)"
        raise check.refuse(
            prefix + "comment_text",
            text,
            f"must be at most {limit} characters {where} (got {len(text)})",
        )
    target_type = task.get("target_type")
    if check.given(target_type):
        check.choice(prefix + "target_type", target_type, TARGET_TYPES)
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
            raise check.refuse(f"status[{index}]", items[index], "must be a non-empty string")
    return ",".join(texts)


class Comments(Resource):
    def list(
        self,
        *,
        status: CommentTaskStatus | str | Sequence[CommentTaskStatus | str] | NotGiven = NOT_GIVEN,
        saved_account_id: str | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        **options: Unpack[RequestOptions],
    ) -> Paginator[CommentTask]:
        """Comment tasks, newest first, page by page (``listCommentTasks``).

        ``status`` takes one status or several (sent comma-separated).
        """
        query = omit_not_given(
            {
                "status": status_filter(status) if check.given(status) else NOT_GIVEN,
                "saved_account_id": saved_account_id,
            }
        )
        return self._paginate(
            "listCommentTasks", item_parser(CommentTask), query=query, per_page=per_page, **options
        )

    @overload
    def create(
        self,
        *,
        saved_account_id: str,
        target_video_url: str,
        comment_text: str,
        target_type: CommentTargetType | str | NotGiven = NOT_GIVEN,
        target_comment_url: str | NotGiven = NOT_GIVEN,
        brief_id: str | NotGiven = NOT_GIVEN,
        platform: Platform | str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> CommentTaskCreation: ...

    @overload
    def create(
        self,
        *,
        tasks: Sequence[CommentTaskInput | Mapping[str, Any]],
        platform: Platform | str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> CommentTaskCreation: ...

    def create(
        self,
        *,
        tasks: Sequence[CommentTaskInput | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        saved_account_id: str | NotGiven = NOT_GIVEN,
        target_video_url: str | NotGiven = NOT_GIVEN,
        comment_text: str | NotGiven = NOT_GIVEN,
        target_type: CommentTargetType | str | NotGiven = NOT_GIVEN,
        target_comment_url: str | NotGiven = NOT_GIVEN,
        brief_id: str | NotGiven = NOT_GIVEN,
        platform: Platform | str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> CommentTaskCreation:
        """Order one comment task, or up to 200 with ``tasks=[...]``; **paid**, 1 credit per
        created task (``createCommentTasks``).

        In a batch, refused rows come back in ``rejected`` and are not charged. ``platform``
        (``tiktok`` or ``instagram``) is a local hint, never sent: it tightens the comment
        length check (150 characters on TikTok, 2,200 on Instagram; 2,200 without it).
        """
        hint = platform_hint(platform)
        single = omit_not_given(
            {
                "saved_account_id": saved_account_id,
                "target_video_url": target_video_url,
                "comment_text": comment_text,
                "target_type": target_type,
                "target_comment_url": target_comment_url,
                "brief_id": brief_id,
            }
        )
        if tasks is not NOT_GIVEN:
            if single:
                name = next(iter(single))
                raise check.refuse(name, single[name], "give tasks=[...] or one task, not both")
            body: dict[str, Any] = {"tasks": check_batch(tasks, hint)}
        else:
            body = check_task(single, hint)
        response = self._request("createCommentTasks", body=body, **options)
        return parse_model(response, CommentTaskCreation, whole_body=True)

    def get(self, task_id: str, **options: Unpack[RequestOptions]) -> CommentTask:
        """One comment task (``getCommentTask``)."""
        response = self._request("getCommentTask", path_params={"id": task_id}, **options)
        return parse_model(response, CommentTask)

    def delete(self, task_id: str, **options: Unpack[RequestOptions]) -> CommentTask:
        """Cancel a ``pending`` task and refund it; returns it ``cancelled``
        (``deleteCommentTask``)."""
        response = self._request("deleteCommentTask", path_params={"id": task_id}, **options)
        return parse_model(response, CommentTask)

    def approve(self, task_id: str, **options: Unpack[RequestOptions]) -> CommentTask:
        """Finalize a ``manually_confirmed`` task (``approveCommentTask``)."""
        response = self._request("approveCommentTask", path_params={"id": task_id}, **options)
        return parse_model(response, CommentTask)

    def dispute(
        self, task_id: str, *, reason: str, **options: Unpack[RequestOptions]
    ) -> CommentTask:
        """Send a ``manually_confirmed`` task back to corrections, saying why
        (``disputeCommentTask``)."""
        if not isinstance(reason, str):
            raise check.refuse("reason", reason, "must be a string")
        check.non_empty("reason", reason)
        response = self._request(
            "disputeCommentTask", path_params={"id": task_id}, body={"reason": reason}, **options
        )
        return parse_model(response, CommentTask)

    def list_verifications(
        self, task_id: str, **options: Unpack[RequestOptions]
    ) -> ModelList[CommentVerification]:
        """The task's verification timeline (``listCommentTaskVerifications``)."""
        response = self._request(
            "listCommentTaskVerifications", path_params={"id": task_id}, **options
        )
        return parse_list(response, CommentVerification, key="verifications")
