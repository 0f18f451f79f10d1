"""Comment tasks: comments an account's manager posts on third-party videos."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model
from ._enums import CommentTargetType as CommentTargetType
from ._enums import OpenEnum, Platform
from ._requests import CommentTaskInput as CommentTaskInput
from .common import ChargeInfo


class CommentTaskStatus(OpenEnum):
    """The documented states; the API has more (e.g. after a dispute), kept as strings."""

    PENDING = "pending"
    SUBMITTED = "submitted"
    VERIFIED_AUTO = "verified_auto"
    MANUALLY_CONFIRMED = "manually_confirmed"
    FINALIZED = "finalized"
    CANCELLED = "cancelled"


@attrs.frozen(kw_only=True)
class CommentTask(Model):
    """A comment task. ``execution_blocked`` is True while Coverage is inactive."""

    id: str
    status: CommentTaskStatus | str
    platform: Platform | str
    saved_account_id: str
    brief_id: str | None = None
    target_type: CommentTargetType | str
    target_video_url: str
    target_comment_url: str | None = None
    target_author_handle: str | None = None
    comment_text: str
    cm_payout_amount: float | None = None
    execution_blocked: bool | None = None
    execution_block_reason: str | None = None
    correction_required: bool | None = None
    submitted_at: dt.datetime | None = None
    verified_at: dt.datetime | None = None
    manually_confirmed_at: dt.datetime | None = None
    client_dispute_deadline_at: dt.datetime | None = None
    finalized_at: dt.datetime | None = None
    deadline_at: dt.datetime | None = None
    created_at: dt.datetime
    updated_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class CommentTaskRejection(Model):
    """A batch row the API refused (not charged). Its fields are not documented: ``raw``."""

    index: int | None = None
    code: str | None = None
    message: str | None = None


@attrs.frozen(kw_only=True)
class CommentTaskBatch(Model):
    """``data`` of a creation: the tasks created and the rows refused."""

    created: list[CommentTask]
    rejected: list[CommentTaskRejection]


@attrs.frozen(kw_only=True)
class CommentTaskCreation(ChargeInfo):
    """A creation's whole response: 1 credit per created task, none for rejected rows."""

    data: CommentTaskBatch
    created_count: int
    rejected_count: int
    credits_charged: int

    @property
    def created(self) -> list[CommentTask]:
        """The comment tasks created."""
        return list(self.data.created)

    @property
    def rejected(self) -> list[CommentTaskRejection]:
        """The comments refused, each with its reason."""
        return list(self.data.rejected)


@attrs.frozen(kw_only=True)
class CommentVerification(Model):
    """One event of a task's verification timeline (fields not documented: see ``raw``)."""

    __wire_names__ = {
        "status": ("status", "result"),
        "created_at": ("created_at", "checked_at"),
    }

    id: str | None = None
    type: str | None = None
    status: str | None = None
    author_handle: str | None = None
    similarity: float | None = None
    created_at: dt.datetime | None = None
