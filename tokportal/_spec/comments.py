"""The comments operations (API.md)."""

from __future__ import annotations

from ._schema import Field, Operation, PathParam
from ._shared import PER_PAGE

OPERATIONS = (
    Operation(
        id="listCommentTasks",
        method="comments.list",
        returns="AsyncPaginator[CommentTask]",
        envelope="page",
        doc="Comment tasks, newest first, page by page (``listCommentTasks``).\n\n``status`` takes one status or several (sent comma-separated).",
        query=(
            Field(
                "status",
                "str",
                "CommentTaskStatus | str | Sequence[CommentTaskStatus | str]",
                not_blank=True,
                separator=",",
                doc="One or several statuses, sent comma-separated.",
            ),
            Field(
                "saved_account_id", "str", "str", doc="Only the tasks of this delivered account."
            ),
            PER_PAGE,
        ),
    ),
    Operation(
        id="createCommentTasks",
        method="comments.create",
        returns="CommentTaskCreation",
        envelope="whole",
        flow="hand",
        local=(
            Field(
                "platform",
                "choice",
                "Platform | str",
                doc="A local hint, never sent: the account's platform, which sets the length limit of ``comment_text``.",
            ),
        ),
        doc="Order one comment task, or up to 200 with ``tasks=[...]``; **paid**, 1 credit per\ncreated task (``createCommentTasks``).\n\nIn a batch, refused rows come back in ``rejected`` and are not charged. ``platform``\n(``tiktok`` or ``instagram``) is a local hint, never sent: it tightens the comment\nlength check (150 characters on TikTok, 2,200 on Instagram; 2,200 without it).",
        body=(
            Field(
                "tasks",
                "list",
                "Sequence[CommentTaskInput | Mapping[str, Any]]",
                min_length=1,
                max_length=200,
                items="object",
                doc="Several tasks in one call, each with the single-task fields, in place of those.",
            ),
            Field(
                "saved_account_id",
                "str",
                "str",
                not_blank=True,
                doc="The delivered account that posts the comment.",
            ),
            Field("target_video_url", "str", "str", not_blank=True, doc="The video to comment on."),
            Field(
                "comment_text",
                "str",
                "str",
                not_blank=True,
                max_length=2200,
                doc="The comment to post, word for word.",
            ),
            Field(
                "target_type",
                "choice",
                "CommentTargetType | str",
                choices=("video", "comment"),
                doc="Comment under the video, or reply to a comment (TikTok only); a video comment when omitted.",
            ),
            Field(
                "target_comment_url",
                "str",
                "str",
                not_blank=True,
                doc="The comment to reply to, when ``target_type`` is ``comment``.",
            ),
            Field("brief_id", "str", "str", not_blank=True, doc="The brief the task belongs to."),
        ),
        # the hand-written flow calls ['rules.check_create', 'rules.platform_hint']
    ),
    Operation(
        id="getCommentTask",
        method="comments.get",
        returns="CommentTask",
        envelope="data",
        doc="One comment task (``getCommentTask``).",
        path=(PathParam("id", "task_id"),),
    ),
    Operation(
        id="deleteCommentTask",
        method="comments.delete",
        returns="CommentTask",
        envelope="data",
        doc="Cancel a ``pending`` task and refund it; returns it ``cancelled``\n(``deleteCommentTask``).",
        path=(PathParam("id", "task_id"),),
    ),
    Operation(
        id="approveCommentTask",
        method="comments.approve",
        returns="CommentTask",
        envelope="data",
        doc="Finalize a ``manually_confirmed`` task (``approveCommentTask``).",
        path=(PathParam("id", "task_id"),),
    ),
    Operation(
        id="disputeCommentTask",
        method="comments.dispute",
        returns="CommentTask",
        envelope="data",
        doc="Send a ``manually_confirmed`` task back to corrections, saying why\n(``disputeCommentTask``).",
        path=(PathParam("id", "task_id"),),
        body=(
            Field(
                "reason",
                "str",
                "str",
                required=True,
                not_blank=True,
                doc="Why the comment is not acceptable.",
            ),
        ),
    ),
    Operation(
        id="listCommentTaskVerifications",
        method="comments.list_verifications",
        returns="ModelList[CommentVerification]",
        envelope="list:verifications",
        doc="The task's verification timeline (``listCommentTaskVerifications``).",
        path=(PathParam("id", "task_id"),),
    ),
)
