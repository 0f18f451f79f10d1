"""The request TypedDicts (the items of list fields), built from the operations' own fields so
each key is typed once: a batch slot is ``configureBundleVideo``'s body plus its position, a
comment task is ``createCommentTasks``'s single-task fields."""

from __future__ import annotations

import dataclasses

from . import bundles, comments
from ._schema import Field, Operation, Shape


def _body(operations: tuple[Operation, ...], operation_id: str) -> tuple[Field, ...]:
    (operation,) = (op for op in operations if op.id == operation_id)
    return operation.body


# A comment task needs these three; the operation's own fields are optional only because
# ``tasks=[...]`` may stand for them.
_TASK_REQUIRED = ("saved_account_id", "target_video_url", "comment_text")

SHAPES: tuple[Shape, ...] = (
    Shape(
        name="VideoSlotConfig",
        home="videos",
        doc="One item of ``client.bundles.videos.configure_batch()``: a slot's position plus\n"
        "the arguments of ``client.bundles.videos.configure()`` (plain dicts with these keys work"
        " too).\n\n"
        '``VideoSlotConfig(position=1, video_type="video", target_publish_date="2026-07-01",\n'
        'description="...", video_url="https://...")``',
        fields=(
            Field(
                "position",
                "int",
                "int",
                required=True,
                doc="The slot's position in the bundle, from 1.",
            ),
            *(
                field
                for field in _body(bundles.OPERATIONS, "configureBundleVideo")
                if field.name != "auto_publish"  # the batch's own, not a slot's
            ),
        ),
    ),
    Shape(
        name="CommentTaskInput",
        home="comments",
        doc="One task of a batch ``client.comments.create(tasks=[...])``.",
        fields=tuple(
            dataclasses.replace(field, required=field.name in _TASK_REQUIRED)
            for field in _body(comments.OPERATIONS, "createCommentTasks")
            if field.name != "tasks"
        ),
    ),
)
