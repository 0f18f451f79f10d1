# Generated from tokportal/_async/flows/comments.py by scripts/generate_sync.py; do not edit.
"""Hand-written flow of ``client.comments`` (the rest is generated from the spec):
``create`` takes one task or ``tasks=[...]`` (two overloads) and a local platform hint.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from ..._core import validation_comments as rules
from ..._types import NOT_GIVEN, NotGiven
from ...models._enums import Platform
from ...models._parse import parse_model
from ...models.comments import (
    CommentTargetType,
    CommentTaskCreation,
    CommentTaskInput,
)
from ..resources._resource import Resource, omit_not_given

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class CommentsFlows(Resource):
    """The hand-written methods of ``client.comments`` (the others are generated)."""

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
        hint = rules.platform_hint(platform)
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
        body = single if tasks is NOT_GIVEN else {**single, "tasks": tasks}
        response = self._request(
            "createCommentTasks", body=body, rule=rules.create_rule(hint), **options
        )
        return parse_model(response, CommentTaskCreation, whole_body=True)
