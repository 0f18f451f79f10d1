"""``tokportal.bulk_uploads.upload_many``: async only, bounded concurrency, per-file progress,
and one failure never loses the other files' results."""

from __future__ import annotations

from pathlib import Path

import anyio
import httpx
import pytest

from tests.helpers import API_KEY, error, ok
from tokportal import AsyncTokPortal, BadRequestError, InvalidRequestError
from tokportal.bulk_uploads import BulkUploadResult, UploadItem, upload_many
from tokportal.models.uploads import ImageUpload, VideoUpload

pytestmark = pytest.mark.anyio


class Storage(httpx.AsyncBaseTransport):
    """Answers each upload from the file name it carries; tracks how many run at once."""

    def __init__(self, *, fail: frozenset[str] = frozenset()) -> None:
        self.fail = fail
        self.active = 0
        self.most_active = 0
        self.seen: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.active += 1
        self.most_active = max(self.most_active, self.active)
        try:
            content = await request.aread()
            await anyio.sleep(0.01)  # let the other uploads start meanwhile
        finally:
            self.active -= 1
        name = content.split(b'filename="')[1].split(b'"')[0].decode()
        self.seen.append(name)
        if name in self.fail:
            response = error(400, "VALIDATION_ERROR", f"{name} is not a video")
        else:
            stored = {"filename": name, "size_bytes": len(content), "content_type": "video/mp4"}
            if request.url.path.endswith("/image/direct"):
                stored["storage_path"] = f"carousel-images/org/b1/{name}"
            else:
                stored["public_url"] = f"https://pub.test/{name}"
            response = ok(stored)
        return httpx.Response(
            response.status_code, headers=response.headers, content=response.content
        )


def client_over(storage: Storage) -> AsyncTokPortal:
    return AsyncTokPortal(api_key=API_KEY, transport=storage, rate_limit=None, max_retries=0)


def items(tmp_path: Path, count: int) -> list[UploadItem]:
    made = []
    for index in range(count):
        path = tmp_path / f"clip{index}.mp4"
        path.write_bytes(bytes([index]) * (1000 + index))
        made.append(UploadItem(file=path, bundle_id="b1"))
    return made


async def test_uploads_run_side_by_side_up_to_the_concurrency(tmp_path: Path) -> None:
    storage = Storage()
    async with client_over(storage) as client:
        result = await upload_many(client, items(tmp_path, 10), concurrency=3)
    assert isinstance(result, BulkUploadResult)
    assert result.all_ok
    assert storage.most_active == 3
    assert len(storage.seen) == 10
    assert [r.public_url for r in result.results if isinstance(r, VideoUpload)] == [
        f"https://pub.test/clip{i}.mp4" for i in range(10)
    ], "results come back in the order of the items"


async def test_one_failure_never_loses_the_others(tmp_path: Path) -> None:
    storage = Storage(fail=frozenset({"clip2.mp4", "clip5.mp4"}))
    async with client_over(storage) as client:
        result = await upload_many(client, items(tmp_path, 7), concurrency=4)
    assert not result.all_ok
    assert [o.index for o in result.failed] == [2, 5]
    assert all(isinstance(o.error, BadRequestError) for o in result.failed)
    assert [o.index for o in result.succeeded] == [0, 1, 3, 4, 6]
    assert all(isinstance(o.result, VideoUpload) for o in result.succeeded)
    assert result.results[2] is None


async def test_a_missing_file_is_that_items_failure(tmp_path: Path) -> None:
    storage = Storage()
    batch = [*items(tmp_path, 2), UploadItem(file=tmp_path / "gone.mp4", bundle_id="b1")]
    async with client_over(storage) as client:
        result = await upload_many(client, batch)
    assert [o.ok for o in result.outcomes] == [True, True, False]
    assert isinstance(result.outcomes[2].error, InvalidRequestError)


async def test_progress_is_reported_per_file_up_to_each_total(tmp_path: Path) -> None:
    storage = Storage()
    last: dict[int, tuple[int, int | None]] = {}

    def progress(index: int, sent: int, total: int | None) -> None:
        last[index] = (sent, total)

    async with client_over(storage) as client:
        await upload_many(client, items(tmp_path, 5), concurrency=2, progress=progress)
    assert last == {i: (1000 + i, 1000 + i) for i in range(5)}


async def test_images_and_videos_mix(tmp_path: Path) -> None:
    storage = Storage()
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"jpg")
    batch = [
        UploadItem(file=photo, bundle_id="b1", kind="image", purpose="profile_picture"),
        *items(tmp_path, 1),
    ]
    async with client_over(storage) as client:
        result = await upload_many(client, batch)
    image, video = result.results
    assert isinstance(image, ImageUpload)
    assert image.storage_path == "carousel-images/org/b1/p.jpg"
    assert isinstance(video, VideoUpload)


@pytest.mark.parametrize(
    ("batch", "concurrency"),
    [
        ([UploadItem(file=b"x", bundle_id="b1")], 0),
        ([UploadItem(file=b"x", bundle_id="b1")], True),
        (["clip.mp4"], 2),
        ([UploadItem(file=b"x", bundle_id="b1", kind="audio")], 2),  # type: ignore[arg-type]
        ([UploadItem(file=b"x", bundle_id="b1", purpose="carousel")], 2),
    ],
)
async def test_bad_batches_are_refused_before_any_upload(batch: list, concurrency: int) -> None:  # type: ignore[type-arg]
    storage = Storage()
    async with client_over(storage) as client:
        with pytest.raises(InvalidRequestError):
            await upload_many(client, batch, concurrency=concurrency)
    assert storage.seen == []


async def test_is_async_only() -> None:
    import tokportal._sync as sync_package

    assert not (Path(sync_package.__file__).parent / "bulk_uploads.py").exists()
    assert "async only" in (upload_many.__doc__ or "")
