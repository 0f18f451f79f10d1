"""Concurrent bulk uploads — **async only**.

Excluded from sync generation (``ASYNC_ONLY_FILES`` in ``scripts/generate_sync.py``):
running uploads side by side needs a task group, which the blocking client has no equivalent
for. With the sync client, loop over ``client.uploads.video(...)`` / ``image(...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Literal

import anyio
import attrs

from .._core.uploads import UploadFile
from .._core.validation import shown
from .._types import NOT_GIVEN, NotGiven, TimeoutTypes
from ..errors import InvalidRequestError
from ..models.uploads import ImagePurpose, ImageUpload, VideoUpload

if TYPE_CHECKING:
    from .._types import RequestOptions
    from .client import AsyncTokPortal

__all__ = ["BulkUploadResult", "FileProgress", "UploadItem", "UploadOutcome", "upload_many"]

FileProgress = Callable[[int, int, int | None], None]
"""Called with (index of the item, bytes sent so far, total bytes or None)."""


@attrs.frozen(kw_only=True)
class UploadItem:
    """One file to upload: a video (``public_url`` for ``video_url``) or an image
    (``storage_path`` for ``carousel_images`` / ``profile_picture_url``)."""

    file: UploadFile
    bundle_id: str
    kind: Literal["video", "image"] = "video"
    purpose: ImagePurpose | str | None = None
    filename: str | None = None
    content_type: str | None = None


@attrs.frozen(kw_only=True)
class UploadOutcome:
    """What became of one item: ``result`` when it worked, ``error`` when it did not."""

    index: int
    item: UploadItem
    result: VideoUpload | ImageUpload | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        """The file went up (no ``error``)."""
        return self.error is None


@attrs.frozen(kw_only=True)
class BulkUploadResult:
    """Every item's outcome, in the order the items were given."""

    outcomes: tuple[UploadOutcome, ...]

    @property
    def succeeded(self) -> list[UploadOutcome]:
        """The outcomes that uploaded, in the order of the items."""
        return [o for o in self.outcomes if o.ok]

    @property
    def failed(self) -> list[UploadOutcome]:
        """The outcomes that ended in an error, in the order of the items."""
        return [o for o in self.outcomes if not o.ok]

    @property
    def all_ok(self) -> bool:
        """Every file went up."""
        return all(o.ok for o in self.outcomes)

    @property
    def results(self) -> list[VideoUpload | ImageUpload | None]:
        """Per item, the upload or None when it failed."""
        return [o.result for o in self.outcomes]


def _check_items(items: Iterable[UploadItem], concurrency: int) -> list[UploadItem]:
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidRequestError(
            f"concurrency={shown(concurrency)} is refused: must be an integer of at least 1",
            field="concurrency",
            value=concurrency,
        )
    checked = list(items)
    for index, item in enumerate(checked):
        if not isinstance(item, UploadItem):
            raise InvalidRequestError(
                f"items[{index}]={shown(item)} is refused: must be an UploadItem",
                field=f"items[{index}]",
                value=item,
            )
        if item.kind not in ("video", "image"):
            raise InvalidRequestError(
                f"items[{index}].kind={shown(item.kind)} is refused: must be 'video' or 'image'",
                field=f"items[{index}].kind",
                value=item.kind,
            )
        if item.kind == "video" and item.purpose is not None:
            raise InvalidRequestError(
                f"items[{index}].purpose={shown(item.purpose)} is refused: only images have one",
                field=f"items[{index}].purpose",
                value=item.purpose,
            )
    return checked


async def _upload_one(
    client: AsyncTokPortal,
    item: UploadItem,
    progress: Callable[[int, int | None], None] | None,
    timeout: TimeoutTypes | NotGiven,
    max_retries: int | None,
) -> VideoUpload | ImageUpload:
    uploads = client.uploads
    options: RequestOptions = {}
    if timeout is not NOT_GIVEN:
        options["timeout"] = timeout
    if max_retries is not None:
        options["max_retries"] = max_retries
    filename = NOT_GIVEN if item.filename is None else item.filename
    content_type = NOT_GIVEN if item.content_type is None else item.content_type
    if item.kind == "image":
        return await uploads.image(
            item.file,
            bundle_id=item.bundle_id,
            purpose=NOT_GIVEN if item.purpose is None else item.purpose,
            filename=filename,
            content_type=content_type,
            progress=progress,
            **options,
        )
    return await uploads.video(
        item.file,
        bundle_id=item.bundle_id,
        filename=filename,
        content_type=content_type,
        progress=progress,
        **options,
    )


async def upload_many(
    client: AsyncTokPortal,
    items: Iterable[UploadItem],
    *,
    concurrency: int = 4,
    progress: FileProgress | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | None = None,
) -> BulkUploadResult:
    """Upload many files side by side (``uploadVideoDirect`` / ``uploadImageDirect``);
    **async only** (an anyio task group, at most ``concurrency`` at a time).

    One file failing never stops or loses the others: every item gets an
    :class:`UploadOutcome` with its result or its error. Each file is streamed from disk and
    retried on its own with its own idempotency key. ``progress(index, sent, total)``
    reports per file.
    """
    checked = _check_items(items, concurrency)
    outcomes: list[UploadOutcome | None] = [None] * len(checked)
    limiter = anyio.CapacityLimiter(concurrency)

    async def run(index: int, item: UploadItem) -> None:
        def report(sent: int, total: int | None) -> None:
            if progress is not None:
                progress(index, sent, total)

        async with limiter:
            try:
                result = await _upload_one(client, item, report, timeout, max_retries)
            except Exception as exc:  # recorded per item; cancellation still propagates
                outcomes[index] = UploadOutcome(index=index, item=item, error=exc)
            else:
                outcomes[index] = UploadOutcome(index=index, item=item, result=result)

    async with anyio.create_task_group() as group:
        for index, item in enumerate(checked):
            group.start_soon(run, index, item)
    return BulkUploadResult(outcomes=tuple(o for o in outcomes if o is not None))
