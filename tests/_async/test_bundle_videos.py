"""A bundle's video slots: ``client.bundles.videos``."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests._async.local_refusals import refused
from tests.cases.bundle_videos import (
    BAD_SLOTS,
    BATCH_REFUSALS,
    SLOT,
    UPDATE_REFUSALS,
    VALID_SLOTS,
    VIDEO,
)
from tests.helpers import API_KEY, Recorder, error, ok, transport, video_data
from tokportal import APIStatusError, AsyncTokPortal
from tokportal.models import VideoStatus, VideoType
from tokportal.models.videos import (
    BatchConfigureResult,
    CsvImportResult,
    InstagramContentType,
    PublishAllResult,
    Video,
    VideoResult,
    VideoSlotConfig,
    YoutubeVisibility,
)

pytestmark = pytest.mark.anyio  # async-only

CSV_REPORT = {"imported": 1, "skipped": 0, "errors": []}

MakeClient = Callable[..., AsyncTokPortal]

CSV = b"position,video_type,description,target_publish_date\n1,video,Hi,2030-01-15\n"


# --- reading ----------------------------------------------------------------------------


async def test_list_types_every_slot(make_client: MakeClient) -> None:
    recorder = Recorder(ok([VIDEO, {"position": 3, "status": "pending"}]))
    async with make_client(recorder) as client:
        videos = await client.bundles.videos.list("b1")
    assert [v.position for v in videos] == [2, 3]
    assert videos[1].status is VideoStatus.PENDING
    assert all(isinstance(v, Video) for v in videos)
    assert videos.api_response is not None
    assert videos.api_response.request_id == "req_ok"


async def test_list_accepts_videos_wrapped_in_an_object(make_client: MakeClient) -> None:
    recorder = Recorder(ok({"videos": [VIDEO], "videos_quantity": 5}))
    async with make_client(recorder) as client:
        videos = await client.bundles.videos.list("b1")
    assert [v.id for v in videos] == ["vid_1"]


async def test_get_types_the_slot(make_client: MakeClient) -> None:
    recorder = Recorder(ok(VIDEO))
    async with make_client(recorder) as client:
        video = await client.bundles.videos.get("b1", 2)
    assert video.status is VideoStatus.PUBLISHED
    assert video.video_type is VideoType.CAROUSEL
    assert video.instagram_content_type is InstagramContentType.POST
    assert video.target_publish_date == dt.date(2030, 1, 15)
    assert video.published_at == dt.datetime(2030, 1, 15, 12, tzinfo=dt.timezone.utc)
    assert video.carousel_images == VIDEO["carousel_images"]
    assert video.post_url == "https://www.instagram.com/p/abc/"
    assert video.video_id == "vid_1"
    assert video.extra == {"corrections": []}
    assert video.to_dict() == VIDEO


async def test_unknown_enum_values_and_fields_survive(make_client: MakeClient) -> None:
    raw = {
        **VIDEO,
        "status": "awaiting_rights",
        "video_type": "live",
        "instagram_content_type": "broadcast",
        "youtube_visibility": "members_only",
        "thumbnail_url": "https://cdn.example/t.jpg",
    }
    recorder = Recorder(ok(raw))
    async with make_client(recorder) as client:
        video = await client.bundles.videos.get("b1", 2)
    assert video.status == "awaiting_rights"
    assert not isinstance(video.status, VideoStatus)
    assert video.video_type == "live"
    assert video.instagram_content_type == "broadcast"
    assert video.youtube_visibility == "members_only"
    assert video.extra["thumbnail_url"] == "https://cdn.example/t.jpg"
    assert video.to_dict() == raw


async def test_publish_and_finalize_results_are_videos(make_client: MakeClient) -> None:
    published = {"video_id": "vid_9", "position": 1, "bundle_id": "b1", "status": "published"}
    finalized = {"position": 1, "status": "finalized", "finalized_at": "2030-01-20T08:00:00Z"}
    recorder = Recorder([ok(published), ok(finalized)])
    async with make_client(recorder) as client:
        first = await client.bundles.videos.publish("b1", 1)
        second = await client.bundles.videos.finalize("b1", 1)
    assert (first.video_id, first.bundle_id, first.status) == ("vid_9", "b1", "published")
    assert first.to_dict() == published
    assert second.status is VideoStatus.FINALIZED
    assert second.finalized_at == dt.datetime(2030, 1, 20, 8, tzinfo=dt.timezone.utc)
    assert second.to_dict() == finalized


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("publish", "/api/ext/bundles/b1/videos/4/publish"),
        ("reset", "/api/ext/bundles/b1/videos/4/reset"),
        ("unschedule", "/api/ext/bundles/b1/videos/4/unschedule"),
        ("finalize", "/api/ext/bundles/b1/videos/4/finalize"),
    ],
)
async def test_slot_actions_post_without_a_body(
    make_client: MakeClient, method: str, path: str
) -> None:
    recorder = Recorder(ok({"position": 4, "status": "configured"}))
    async with make_client(recorder) as client:
        video = await getattr(client.bundles.videos, method)("b1", 4)
    request = recorder.requests[0]
    assert (request.method, request.url.path, request.content) == ("POST", path, b"")
    assert video.position == 4


@pytest.mark.parametrize("position", [0, -1, True, "2", 1.0, None])
@pytest.mark.parametrize("method", ["get", "publish", "reset", "unschedule", "finalize"])
async def test_a_slot_position_is_a_positive_int(
    make_client: MakeClient, method: str, position: Any
) -> None:
    refusal = await refused(
        make_client, lambda client: getattr(client.bundles.videos, method)("b1", position)
    )
    assert refusal.field == "position"


# --- configure ----------------------------------------------------------------------------


async def test_configure_sends_every_documented_field(make_client: MakeClient) -> None:
    raw = {"data": VIDEO, "credits_charged": 2, "credits_remaining": 40}
    recorder = Recorder(ok(**raw))
    async with make_client(recorder) as client:
        result = await client.bundles.videos.configure(
            "b1",
            2,
            video_type=VideoType.VIDEO,
            target_publish_date=dt.date(2030, 1, 15),
            description="Morning routine",
            name="n" * 200,
            external_ref="r" * 200,
            video_url="https://cdn.example/v.mp4",
            carousel_title="t",
            story_repost_url="https://www.tiktok.com/@a/video/1",
            instant_repost_as_story=True,
            tiktok_sound_url="https://www.tiktok.com/music/x",
            volume_original_sound=80,
            volume_added_sound=None,
            youtube_sound_url="https://youtube.example/s",
            instagram_content_type=InstagramContentType.REEL,
            instagram_location="Paris",
            instagram_collaborators=("chef.anna",),
            instagram_audio_name="Original audio",
            instagram_add_to_story=False,
            youtube_title="Morning",
            youtube_tags=["routine"],
            youtube_category="22",
            youtube_visibility=YoutubeVisibility.UNLISTED,
            ai_content_disclaimer=True,
            disclose_as_ads=False,
            editing_instructions="cut the intro",
            auto_publish=False,
        )
    assert recorder.requests[0].method == "PUT"
    assert recorder.json() == {
        "video_type": "video",
        "target_publish_date": "2030-01-15",
        "description": "Morning routine",
        "name": "n" * 200,
        "external_ref": "r" * 200,
        "video_url": "https://cdn.example/v.mp4",
        "carousel_title": "t",
        "story_repost_url": "https://www.tiktok.com/@a/video/1",
        "instant_repost_as_story": True,
        "tiktok_sound_url": "https://www.tiktok.com/music/x",
        "volume_original_sound": 80,
        "volume_added_sound": None,
        "youtube_sound_url": "https://youtube.example/s",
        "instagram_content_type": "reel",
        "instagram_location": "Paris",
        "instagram_collaborators": ["chef.anna"],
        "instagram_audio_name": "Original audio",
        "instagram_add_to_story": False,
        "youtube_title": "Morning",
        "youtube_tags": ["routine"],
        "youtube_category": "22",
        "youtube_visibility": "unlisted",
        "ai_content_disclaimer": True,
        "disclose_as_ads": False,
        "editing_instructions": "cut the intro",
        "auto_publish": False,
    }
    assert isinstance(result, VideoResult)
    assert result.video is not None
    assert result.video.position == 2
    assert result.credits_charged == 2
    assert result.to_dict() == raw


@pytest.mark.parametrize(
    "slot",
    VALID_SLOTS,
)
async def test_configure_accepts_valid_slots(make_client: MakeClient, slot: dict[str, Any]) -> None:
    recorder = Recorder(ok(video_data()))
    async with make_client(recorder) as client:
        await client.bundles.videos.configure("b1", 1, **slot)
    assert recorder.json() == slot


def _slot_with(changes: dict[str, Any]) -> dict[str, Any]:
    """SLOT with ``changes``; ``NotImplemented`` removes a key."""
    slot = {**SLOT, **changes}
    return {key: value for key, value in slot.items() if value is not NotImplemented}


@pytest.mark.parametrize(("changes", "field"), BAD_SLOTS)
async def test_configure_refuses_locally(
    make_client: MakeClient, changes: dict[str, Any], field: str
) -> None:
    refusal = await refused(
        make_client, lambda client: client.bundles.videos.configure("b1", 1, **_slot_with(changes))
    )
    assert refusal.field == field


async def test_configure_refuses_a_bad_position(make_client: MakeClient) -> None:
    refusal = await refused(
        make_client, lambda client: client.bundles.videos.configure("b1", 0, **SLOT)
    )
    assert refusal.field == "position"


# --- update (patch) -----------------------------------------------------------------------


async def test_update_sends_only_given_fields_and_none_clears(make_client: MakeClient) -> None:
    recorder = Recorder(ok(VIDEO))
    async with make_client(recorder) as client:
        video = await client.bundles.videos.update(
            "b1",
            2,
            external_ref=None,
            description="New caption",
            target_publish_date=None,
            target_publish_start_date=dt.date(2030, 3, 1),
            target_publish_end_date="2030-03-04",
        )
    assert recorder.requests[0].method == "PATCH"
    assert recorder.json() == {
        "external_ref": None,
        "description": "New caption",
        "target_publish_date": None,
        "target_publish_start_date": "2030-03-01",
        "target_publish_end_date": "2030-03-04",
    }
    assert isinstance(video, Video)


async def test_update_with_only_extra_body_is_allowed(make_client: MakeClient) -> None:
    recorder = Recorder(ok(video_data(2)))
    async with make_client(recorder) as client:
        await client.bundles.videos.update("b1", 2, extra_body={"new_field": 1})
    assert recorder.json() == {"new_field": 1}


@pytest.mark.parametrize(
    ("changes", "field"),
    UPDATE_REFUSALS,
)
async def test_update_refuses_locally(
    make_client: MakeClient, changes: dict[str, Any], field: str
) -> None:
    refusal = await refused(
        make_client, lambda client: client.bundles.videos.update("b1", 2, **changes)
    )
    assert refusal.field == field


# --- batch ---------------------------------------------------------------------------------


async def test_configure_batch_reports_failures_per_position(make_client: MakeClient) -> None:
    raw = {
        "data": {
            "configured": [{**VIDEO, "position": 1, "status": "configured"}],
            "errors": [
                {
                    "index": 1,
                    "position": 2,
                    "code": "VIDEOS_PER_DAY_EXCEEDED",
                    "message": "At most 3 videos per day.",
                    "details": {"date": "2030-01-15", "current_count": 3},
                    "hint": "spread them",
                }
            ],
            "configured_count": 1,
            "failed_count": 1,
        },
        "credits_charged": 0,
    }
    recorder = Recorder(ok(**raw))
    async with make_client(recorder) as client:
        result = await client.bundles.videos.configure_batch(
            "b1",
            videos=[
                VideoSlotConfig(position=1, **SLOT),  # type: ignore[typeddict-item]
                {**SLOT, "position": 2},
            ],
        )
    assert isinstance(result, BatchConfigureResult)
    assert recorder.json() == {"videos": [{**SLOT, "position": 1}, {**SLOT, "position": 2}]}
    assert [v.position for v in result.configured] == [1]
    assert result.configured[0].status is VideoStatus.CONFIGURED
    assert result.failed_positions == [2]
    assert result.errors[0].code == "VIDEOS_PER_DAY_EXCEEDED"
    assert result.errors[0].details == {"date": "2030-01-15", "current_count": 3}
    assert result.errors[0].extra == {"hint": "spread them"}
    assert result.to_dict() == raw


async def test_configure_batch_does_not_change_the_callers_items(
    make_client: MakeClient,
) -> None:
    item = {**SLOT, "position": 1, "target_publish_date": dt.date(2030, 1, 15)}
    recorder = Recorder(ok({}))
    async with make_client(recorder) as client:
        await client.bundles.videos.configure_batch("b1", videos=[item], auto_publish=True)
    assert item["target_publish_date"] == dt.date(2030, 1, 15)
    assert recorder.json()["videos"][0]["target_publish_date"] == "2030-01-15"
    assert recorder.json()["auto_publish"] is True


@pytest.mark.parametrize(
    ("videos", "field"),
    BATCH_REFUSALS,
)
async def test_configure_batch_refuses_locally(
    make_client: MakeClient, videos: Any, field: str
) -> None:
    refusal = await refused(
        make_client, lambda client: client.bundles.videos.configure_batch("b1", videos=videos)
    )
    assert refusal.field == field


# --- publish all --------------------------------------------------------------------------


async def test_publish_all_types_the_result(make_client: MakeClient) -> None:
    raw = {"bundle_id": "b1", "videos_published": 2, "video_ids": ["v1", "v2"], "skipped": 0}
    recorder = Recorder(ok(raw))
    async with make_client(recorder) as client:
        result = await client.bundles.videos.publish_all("b1")
    assert isinstance(result, PublishAllResult)
    assert (result.bundle_id, result.videos_published, result.video_ids) == ("b1", 2, ["v1", "v2"])
    assert result.extra == {"skipped": 0}
    assert result.to_dict() == raw
    assert recorder.requests[0].content == b""


# --- CSV import ---------------------------------------------------------------------------


class FileSpy:
    """An httpx request hook keeping the multipart ``file`` part as handed to httpx, before
    the body is streamed (the mock transport reads it all afterwards)."""

    def __init__(self) -> None:
        self.parts: list[Any] = []

    async def __call__(self, request: httpx.Request) -> None:
        # The SDK streams the form through a body of its own that reads the files.
        stream: Any = getattr(request.stream, "body", request.stream)
        self.parts.extend(f for f in getattr(stream, "fields", []) if f.name == "file")


async def _import_with_spy(recorder: Recorder, file: Any, **kwargs: Any) -> tuple[Any, Any]:
    """Import through a client whose httpx hooks show the ``file`` part; returns
    (result, part)."""
    spy = FileSpy()
    async with httpx.AsyncClient(
        transport=transport(recorder), event_hooks={"request": [spy]}
    ) as http:
        async with AsyncTokPortal(api_key=API_KEY, rate_limit=None, http_client=http) as client:
            result = await client.bundles.videos.import_csv("b1", file, **kwargs)
    assert len(spy.parts) == 1
    return result, spy.parts[0]


async def test_import_csv_streams_a_path_and_closes_it(tmp_path: Path) -> None:
    path = tmp_path / "spring videos.csv"
    path.write_bytes(CSV)
    raw = {
        "data": {
            "imported": 1,
            "skipped": 1,
            "errors": [{"row": 3, "message": "bad date", "code": "INVALID_DATE"}],
        },
        "credits_charged": 0,
    }
    recorder = Recorder(ok(**raw))
    result, part = await _import_with_spy(recorder, path)
    request = recorder.requests[0]
    assert not isinstance(part.file, bytes), "a path must be streamed, not read up front"
    assert part.file.size == len(CSV)
    with pytest.raises(ValueError, match="closed"):
        part.file.seek(0)  # the file the SDK opened is closed after the call
    assert part.filename == "spring videos.csv"
    assert part.headers["Content-Type"] == "text/csv"
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    assert CSV in request.content
    assert b'name="auto_publish"' not in request.content
    assert isinstance(result, CsvImportResult)
    assert (result.imported, result.skipped) == (1, 1)
    assert [(e.row, e.message) for e in result.errors] == [(3, "bad date")]
    assert result.errors[0].extra == {"code": "INVALID_DATE"}
    assert result.to_dict() == raw


async def test_import_csv_accepts_a_str_path(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(CSV)
    recorder = Recorder(ok({"imported": 1, "skipped": 0, "errors": []}))
    _, part = await _import_with_spy(recorder, str(path), auto_publish=False)
    request = recorder.requests[0]
    with pytest.raises(ValueError, match="closed"):
        part.file.seek(0)
    assert part.filename == "v.csv"
    assert b'name="auto_publish"\r\n\r\nfalse' in request.content


async def test_import_csv_streams_a_binary_file_object() -> None:
    handle = io.BytesIO(CSV)
    handle.name = "/exports/week 3.csv"  # type: ignore[attr-defined]
    recorder = Recorder(ok(CSV_REPORT))
    _, part = await _import_with_spy(recorder, handle, auto_publish=True)
    assert not handle.closed, "the caller's file stays the caller's to close"
    assert part.filename == "week 3.csv"
    assert CSV in recorder.requests[0].content
    assert b'name="auto_publish"\r\n\r\ntrue' in recorder.requests[0].content


async def test_import_csv_sends_bytes_as_a_csv_file() -> None:
    recorder = Recorder(ok(CSV_REPORT))
    _, part = await _import_with_spy(recorder, CSV)
    assert (part.filename, part.headers["Content-Type"]) == ("upload.csv", "text/csv")
    assert CSV in recorder.requests[0].content


async def test_a_retried_import_resends_the_whole_file_with_the_same_key(
    make_client: MakeClient, tmp_path: Path
) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(CSV)
    recorder = Recorder([error(503, "INTERNAL_ERROR"), ok(CSV_REPORT)])
    async with make_client(recorder) as client:
        result = await client.bundles.videos.import_csv("b1", path)
    assert recorder.count == 2
    assert all(CSV in r.content for r in recorder.requests)
    keys = [r.headers.get("Idempotency-Key") for r in recorder.requests]
    assert keys[0] is not None
    assert keys[0] == keys[1]
    assert uuid.UUID(keys[0]).version == 4
    assert result.imported == 1


@pytest.mark.parametrize(
    "file",
    [
        io.StringIO("position\n1\n"),
        "position,video_type\n1,video\n",
        12,
    ],
)
async def test_import_csv_refuses_what_is_not_a_binary_file(
    make_client: MakeClient, file: Any
) -> None:
    refusal = await refused(
        make_client, lambda client: client.bundles.videos.import_csv("b1", file)
    )
    assert refusal.field == "file"


async def test_import_csv_of_a_missing_path_sends_nothing(
    make_client: MakeClient, tmp_path: Path
) -> None:
    refusal = await refused(
        make_client, lambda client: client.bundles.videos.import_csv("b1", tmp_path / "nope.csv")
    )
    assert refusal.field == "file"


class OneShot:
    """A binary stream that cannot seek back (a pipe, a socket)."""

    def __init__(self, data: bytes) -> None:
        self._buffer = io.BytesIO(data)

    def read(self, size: int = -1, /) -> bytes:
        return self._buffer.read(size)


async def test_a_stream_that_cannot_rewind_is_sent_once(make_client: MakeClient) -> None:
    recorder = Recorder([error(503, "INTERNAL_ERROR"), ok(CSV_REPORT)])
    async with make_client(recorder) as client:
        with pytest.raises(APIStatusError):
            await client.bundles.videos.import_csv("b1", OneShot(CSV))
    assert recorder.count == 1
    assert CSV in recorder.requests[0].content


async def test_import_csv_puts_extra_body_in_the_form(make_client: MakeClient) -> None:
    recorder = Recorder(ok(CSV_REPORT))
    async with make_client(recorder) as client:
        await client.bundles.videos.import_csv(
            "b1", CSV, extra_body={"dedupe": True, "template": "v2"}
        )
    content = recorder.requests[0].content
    assert b'name="dedupe"\r\n\r\ntrue' in content
    assert b'name="template"\r\n\r\nv2' in content
    assert recorder.requests[0].headers["Content-Type"].startswith("multipart/form-data")


# --- corrections and download fixes ---------------------------------------------------------


async def test_request_corrections_sends_comment_and_fields(make_client: MakeClient) -> None:
    recorder = Recorder(ok({"position": 2, "status": "pending_corrections"}))
    async with make_client(recorder) as client:
        video = await client.bundles.videos.request_corrections(
            "b1", 2, comment="Wrong sound", fields={"tiktok_sound_url": "use the trending one"}
        )
    assert recorder.json() == {
        "comment": "Wrong sound",
        "fields": {"tiktok_sound_url": "use the trending one"},
    }
    assert video.status is VideoStatus.PENDING_CORRECTIONS


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"comment": ""}, "comment"),
        ({"comment": "  "}, "comment"),
        ({"fields": "description"}, "fields"),
        ({"position": 0}, "position"),
    ],
)
async def test_request_corrections_refuses_locally(
    make_client: MakeClient, changes: dict[str, Any], field: str
) -> None:
    arguments: dict[str, Any] = {"comment": "fix", **changes}
    position = arguments.pop("position", 2)
    refusal = await refused(
        make_client,
        lambda client: client.bundles.videos.request_corrections("b1", position, **arguments),
    )
    assert refusal.field == field


async def test_fix_download_sends_images(make_client: MakeClient) -> None:
    recorder = Recorder(ok(video_data(5)))
    async with make_client(recorder) as client:
        await client.bundles.videos.fix_download(
            "b1", 5, video_url="https://v", carousel_images=("a.jpg",)
        )
    assert recorder.json() == {"video_url": "https://v", "carousel_images": ["a.jpg"]}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({}, "video_url"),
        ({"video_url": ""}, "video_url"),
        ({"carousel_images": []}, "carousel_images"),
        ({"carousel_images": "a.jpg"}, "carousel_images"),
    ],
)
async def test_fix_download_refuses_locally(
    make_client: MakeClient, changes: dict[str, Any], field: str
) -> None:
    refusal = await refused(
        make_client, lambda client: client.bundles.videos.fix_download("b1", 5, **changes)
    )
    assert refusal.field == field
