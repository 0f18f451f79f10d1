# Generated from tests/_async/test_comments.py by scripts/generate_sync.py; do not edit.
"""Comment tasks: creation (single and batch), listing filters, and the local rules."""

from __future__ import annotations

from typing import Any

import pytest

from tests._sync.local_refusals import MakeClient, refused
from tests.cases.comments import (
    COMMENT_REFUSALS,
    NOTHING_CREATED,
    ONE,
    REPLY_TO,
    STATUS_FILTERS,
    TASK,
    VIDEO,
)
from tests.helpers import Recorder, ok
from tokportal.models.comments import (
    CommentTargetType,
    CommentTask,
    CommentTaskCreation,
    CommentTaskInput,
    CommentTaskStatus,
    CommentVerification,
)


def test_task_keeps_unknown_status_and_fields(make_client: MakeClient) -> None:
    with make_client(Recorder(ok(TASK))) as client:
        task = client.comments.get("ct1")
    assert isinstance(task, CommentTask)
    assert task.status == "awaiting_corrections" and type(task.status) is str
    assert task.target_type is CommentTargetType.VIDEO
    assert task.execution_blocked is True
    assert task.extra == {"sentiment": "positive"}
    assert task.to_dict() == TASK


def test_creation_result_carries_created_rejected_and_cost(make_client: MakeClient) -> None:
    body: dict[str, Any] = {
        "data": {
            "created": [TASK],
            "rejected": [{"index": 1, "code": "UNSUPPORTED_PLATFORM", "message": "youtube"}],
        },
        "created_count": 1,
        "rejected_count": 1,
        "credits_charged": 1,
        "batch_id": "cb1",
    }
    recorder = Recorder(ok(status=201, **body))
    tasks: list[CommentTaskInput] = [ONE, {**ONE, "saved_account_id": "sa-yt"}]
    with make_client(recorder) as client:
        result = client.comments.create(tasks=tasks)
    assert recorder.json() == {"tasks": tasks}
    assert isinstance(result, CommentTaskCreation)
    assert (result.created_count, result.rejected_count, result.credits_charged) == (1, 1, 1)
    assert [t.id for t in result.created] == ["ct1"]
    assert result.rejected[0].index == 1 and result.rejected[0].code == "UNSUPPORTED_PLATFORM"
    assert result.extra == {"batch_id": "cb1"}
    assert result.to_dict() == body


def test_reply_to_a_comment(make_client: MakeClient) -> None:
    recorder = Recorder(ok(status=201, **NOTHING_CREATED))
    with make_client(recorder) as client:
        result = client.comments.create(
            saved_account_id="sa1",
            target_video_url=VIDEO,
            comment_text="So true",
            target_type=CommentTargetType.COMMENT,
            target_comment_url=REPLY_TO,
            platform="tiktok",
        )
    assert recorder.json() == {
        "saved_account_id": "sa1",
        "target_video_url": VIDEO,
        "comment_text": "So true",
        "target_type": "comment",
        "target_comment_url": REPLY_TO,
    }
    assert result.created == [] and result.rejected == []


@pytest.mark.parametrize(
    ("platform", "length"), [("tiktok", 150), ("instagram", 2200), (None, 2200)]
)
def test_longest_comment_is_accepted(
    make_client: MakeClient, platform: str | None, length: int
) -> None:
    recorder = Recorder(ok(status=201, **NOTHING_CREATED))
    kwargs: dict[str, Any] = {**ONE, "comment_text": "x" * length}
    if platform:
        kwargs["platform"] = platform
    with make_client(recorder) as client:
        client.comments.create(**kwargs)
    assert len(recorder.json()["comment_text"]) == length
    assert "platform" not in recorder.json()


@pytest.mark.parametrize(
    ("field", "kwargs"),
    COMMENT_REFUSALS,
)
def test_comment_rules_are_refused_locally(
    make_client: MakeClient, field: str, kwargs: dict[str, Any]
) -> None:
    error = refused(make_client, lambda c: c.comments.create(**kwargs))
    assert error.field == field


def test_batch_of_two_hundred_is_accepted(make_client: MakeClient) -> None:
    recorder = Recorder(ok(status=201, **NOTHING_CREATED))
    with make_client(recorder) as client:
        client.comments.create(tasks=[ONE] * 200)
    assert len(recorder.json()["tasks"]) == 200


@pytest.mark.parametrize(
    ("status", "sent"),
    STATUS_FILTERS,
)
def test_status_filter_is_one_comma_separated_value(
    make_client: MakeClient, status: Any, sent: str
) -> None:
    recorder = Recorder(ok([TASK]))
    with make_client(recorder) as client:
        page = client.comments.list(status=status).first_page()
    assert recorder.requests[0].url.params.get_list("status") == [sent]
    assert page.items[0].id == "ct1"


@pytest.mark.parametrize("status", [[], [""], ["pending", None]])
def test_empty_status_filter_is_refused(make_client: MakeClient, status: Any) -> None:
    error = refused(make_client, lambda c: c.comments.list(status=status))
    assert error.field.startswith("status")


@pytest.mark.parametrize("reason", ["", "   "])
def test_dispute_needs_a_reason(make_client: MakeClient, reason: str) -> None:
    error = refused(make_client, lambda c: c.comments.dispute("ct1", reason=reason))
    assert error.field == "reason"


def test_cancelled_task_comes_back(make_client: MakeClient) -> None:
    with make_client(Recorder(ok({**TASK, "status": "cancelled"}))) as client:
        task = client.comments.delete("ct1")
    assert task.status is CommentTaskStatus.CANCELLED


@pytest.mark.parametrize("wrap", [False, True])
def test_verifications_timeline(make_client: MakeClient, wrap: bool) -> None:
    event = {"id": "e1", "status": "matched", "similarity": 0.97, "scraped": 100}
    data: Any = {"verifications": [event]} if wrap else [event]
    with make_client(Recorder(ok(data))) as client:
        events = client.comments.list_verifications("ct1")
    assert isinstance(events[0], CommentVerification)
    assert events[0].similarity == 0.97
    assert events[0].extra == {"scraped": 100}
    assert events[0].to_dict() == event
