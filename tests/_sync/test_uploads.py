# Generated from tests/_async/test_uploads.py by scripts/generate_sync.py; do not edit.
"""Direct uploads: streamed sources, progress, retries that resend the whole file, local
refusals, the from-URL import, and the models."""

from __future__ import annotations

import io
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests._sync.local_refusals import refused
from tests.cases.uploads import IMAGE, UPLOAD_MODELS, VIDEO, VIDEO_REFUSALS
from tests.helpers import API_KEY, Recorder, error, ok
from tokportal import InternalServerError, InvalidRequestError, TokPortal
from tokportal._core.uploads import UploadRewindError
from tokportal._io.files import open_upload
from tokportal.models._converter import structure
from tokportal.models.uploads import ImagePurpose, ImageUpload, VideoUpload

MakeClient = Callable[..., TokPortal]
MB = 1024 * 1024
BIG_SIZE = 100 * MB


def parts(request: httpx.Request) -> dict[str, tuple[dict[str, str], bytes]]:
    """The multipart form of a recorded request: name -> (part headers, content)."""
    boundary = request.headers["Content-Type"].split("boundary=")[1].encode()
    found: dict[str, tuple[dict[str, str], bytes]] = {}
    for chunk in request.content.split(b"--" + boundary)[1:-1]:
        head, _, body = chunk[2:].partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode().split("\r\n"):
            name, _, value = line.partition(": ")
            headers[name.lower()] = value
        disposition = headers["content-disposition"]
        field = disposition.split('name="')[1].split('"')[0]
        found[field] = (headers, body[:-2])
    return found


def filename_of(headers: dict[str, str]) -> str:
    return headers["content-disposition"].split('filename="')[1].split('"')[0]


class ReadOnlyStream:
    """A binary stream that cannot seek (a pipe, a socket, a generator-backed reader)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def read(self, size: int = -1, /) -> bytes:
        return self._data.read(size)


class PlainReader:
    """A hand-written seekable file object: no generator, no fileno, just the protocol."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")

    def read(self, size: int = -1, /) -> bytes:
        return self._file.read(size)

    def seek(self, offset: int, whence: int = 0, /) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        self._file.close()


# -- direct video uploads ------------------------------------------------------------------------


def test_video_streams_a_path_with_guessed_type_and_its_file_name(
    make_client: MakeClient, tmp_path: Path
) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"video-bytes")
    recorder = Recorder(ok(VIDEO))
    seen: list[tuple[int, int | None]] = []
    with make_client(recorder) as client:
        result = client.uploads.video(
            path, bundle_id="b1", progress=lambda sent, total: seen.append((sent, total))
        )
    assert isinstance(result, VideoUpload)
    assert result.public_url == VIDEO["public_url"]
    assert result.api_response is not None
    request = recorder.requests[0]
    assert request.url.path == "/api/ext/upload/video/direct"
    form = parts(request)
    assert form["bundle_id"][1] == b"b1"
    headers, content = form["file"]
    assert content == b"video-bytes"
    assert filename_of(headers) == "clip.mp4"
    assert headers["content-type"] == "video/mp4"
    assert seen[-1] == (11, 11)
    assert request.headers["Content-Length"] == str(len(request.content))


def test_video_from_str_path_bytes_and_file_object(make_client: MakeClient, tmp_path: Path) -> None:
    path = tmp_path / "a.mov"
    path.write_bytes(b"mov")
    recorder = Recorder(ok(VIDEO))
    with make_client(recorder) as client:
        client.uploads.video(str(path), bundle_id="b1")
        client.uploads.video(b"raw", bundle_id="b1")
        client.uploads.video(bytearray(b"arr"), bundle_id="b1", filename="x.webm")
        with path.open("rb") as handle:
            client.uploads.video(handle, bundle_id="b1")
            assert not handle.closed, "the caller's file is the caller's to close"
    sent = [parts(r)["file"] for r in recorder.requests]
    assert [content for _, content in sent] == [b"mov", b"raw", b"arr", b"mov"]
    assert [filename_of(h) for h, _ in sent] == ["a.mov", "upload", "x.webm", "a.mov"]
    assert [h["content-type"] for h, _ in sent] == [
        "video/quicktime",
        "application/octet-stream",
        "video/webm",
        "video/quicktime",
    ]


def test_explicit_filename_and_content_type_win(make_client: MakeClient) -> None:
    recorder = Recorder(ok(VIDEO))
    with make_client(recorder) as client:
        client.uploads.video(
            b"x", bundle_id="b1", filename="final.mp4", content_type="video/x-custom"
        )
    headers, _ = parts(recorder.requests[0])["file"]
    assert filename_of(headers) == "final.mp4"
    assert headers["content-type"] == "video/x-custom"


def test_file_object_is_sent_from_its_current_position(make_client: MakeClient) -> None:
    recorder = Recorder(ok(VIDEO))
    source = io.BytesIO(b"HEADERpayload")
    source.seek(6)
    seen: list[tuple[int, int | None]] = []
    with make_client(recorder) as client:
        client.uploads.video(
            source, bundle_id="b1", progress=lambda sent, total: seen.append((sent, total))
        )
    assert parts(recorder.requests[0])["file"][1] == b"payload"
    assert seen[-1] == (7, 7)


def test_retry_resends_the_whole_file_and_progress_starts_over(
    make_client: MakeClient, tmp_path: Path
) -> None:
    path = tmp_path / "clip.mp4"
    data = os.urandom(200_000)  # several chunks
    path.write_bytes(data)
    recorder = Recorder([error(503, "UNAVAILABLE"), ok(VIDEO)])
    seen: list[tuple[int, int | None]] = []
    with make_client(recorder) as client:
        client.uploads.video(
            path, bundle_id="b1", progress=lambda sent, total: seen.append((sent, total))
        )
    assert recorder.count == 2
    assert [parts(r)["file"][1] for r in recorder.requests] == [data, data]
    keys = {r.headers["Idempotency-Key"] for r in recorder.requests}
    assert len(keys) == 1, "one idempotency key for every attempt of the upload"
    assert (0, len(data)) in seen
    assert seen[-1] == (len(data), len(data))


def test_retry_rewinds_a_file_object(make_client: MakeClient) -> None:
    recorder = Recorder([error(502, "BAD_GATEWAY"), error(503, "UNAVAILABLE"), ok(VIDEO)])
    with make_client(recorder) as client:
        client.uploads.video(io.BytesIO(b"abc" * 50_000), bundle_id="b1")
    assert [len(parts(r)["file"][1]) for r in recorder.requests] == [150_000] * 3


def test_non_seekable_stream_is_sent_once_and_never_retried(
    make_client: MakeClient,
) -> None:
    recorder = Recorder([error(503, "UNAVAILABLE"), ok(VIDEO)])
    with make_client(recorder) as client:
        with pytest.raises(InternalServerError):
            client.uploads.video(ReadOnlyStream(b"stream"), bundle_id="b1")
    assert recorder.count == 1


def test_non_seekable_stream_goes_chunked_with_all_its_bytes(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(ok(VIDEO))
    seen: list[tuple[int, int | None]] = []
    with make_client(recorder) as client:
        client.uploads.video(
            ReadOnlyStream(b"s" * 100_000),
            bundle_id="b1",
            progress=lambda sent, total: seen.append((sent, total)),
        )
    request = recorder.requests[0]
    assert request.headers.get("Transfer-Encoding") == "chunked"
    assert parts(request)["file"][1] == b"s" * 100_000
    assert seen[-1] == (100_000, None)


def test_non_seekable_stream_with_retries_asked_for_is_refused(
    make_client: MakeClient,
) -> None:
    refusal = refused(
        make_client,
        lambda client: client.uploads.video(ReadOnlyStream(b"x"), bundle_id="b1", max_retries=2),
    )
    assert refusal.field == "max_retries"


@pytest.mark.parametrize(
    ("call", "field"),
    VIDEO_REFUSALS,
)
def test_video_refusals_send_nothing(
    make_client: MakeClient, call: dict[str, Any], field: str
) -> None:
    refusal = refused(make_client, lambda client: client.uploads.video(**call))
    assert refusal.field == field


def test_text_file_opened_without_b_is_refused(make_client: MakeClient, tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    path.write_text("not binary")
    recorder = Recorder(ok(VIDEO))
    with make_client(recorder) as client:
        with path.open("r") as handle, pytest.raises(InvalidRequestError):
            client.uploads.video(handle, bundle_id="b1")
    assert recorder.count == 0


def test_extra_body_becomes_a_form_field(make_client: MakeClient) -> None:
    recorder = Recorder(ok(VIDEO))
    with make_client(recorder) as client:
        client.uploads.video(b"x", bundle_id="b1", extra_body={"new_flag": True})
    assert parts(recorder.requests[0])["new_flag"][1] == b"true"


# -- the source wrapper httpx reads from --------------------------------------------------------


def test_source_knows_its_size_and_rewinds_to_where_it_started() -> None:
    handle = io.BytesIO(b"skip|payload")
    handle.seek(5)
    seen: list[tuple[int, int | None]] = []
    with open_upload(handle, progress=lambda sent, total: seen.append((sent, total))) as source:
        assert (source.size, source.rewindable, source.filename) == (7, True, "upload")
        assert source.read(3) == b"pay"
        assert source.seek(0) == 0
        assert source.read(100) == b"payload"
        assert source.read(100) == b""
    assert seen == [(3, 7), (0, 7), (7, 7)]
    assert not handle.closed


def test_source_never_reads_past_the_size_it_announced() -> None:
    handle = io.BytesIO(b"12345")
    with open_upload(handle) as source:
        handle.seek(0, io.SEEK_END)
        handle.write(b"grown")  # the file grows after Content-Length was computed
        handle.seek(0)
        assert source.read(1000) == b"12345"
        assert source.read(1000) == b""


def test_stream_that_cannot_seek_refuses_a_second_pass() -> None:
    with open_upload(ReadOnlyStream(b"abc")) as source:
        assert source.size is None and not source.rewindable
        assert source.seek(0) == 0, "rewinding before any read is a no-op"
        with pytest.raises(io.UnsupportedOperation):
            source.seek(0, io.SEEK_END)  # httpx reads this as "length unknown"
        assert source.read(10) == b"abc"
        with pytest.raises(UploadRewindError):
            source.seek(0)


def test_a_path_is_opened_and_closed_by_the_source(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(b"png")
    with open_upload(path) as source:
        assert (source.filename, source.content_type, source.size) == ("a.png", "image/png", 3)
        handle = source._reader
    assert handle.closed  # type: ignore[attr-defined]


# -- direct image uploads and from-URL imports ---------------------------------------------------


def test_image_sends_purpose_and_returns_the_storage_path(make_client: MakeClient) -> None:
    recorder = Recorder(ok(IMAGE))
    with make_client(recorder) as client:
        result = client.uploads.image(
            b"jpg", bundle_id="b1", purpose="profile_picture", filename="me.jpg"
        )
        client.uploads.image(b"jpg", bundle_id="b1", purpose=ImagePurpose.CAROUSEL)
        client.uploads.image(b"jpg", bundle_id="b1")
    assert isinstance(result, ImageUpload)
    assert result.storage_path == IMAGE["storage_path"]
    first, second, third = (parts(r) for r in recorder.requests)
    assert recorder.requests[0].url.path == "/api/ext/upload/image/direct"
    assert first["purpose"][1] == b"profile_picture"
    assert first["file"][0]["content-type"] == "image/jpeg"
    assert second["purpose"][1] == b"carousel"
    assert "purpose" not in third, "the API's default (carousel) applies"


def test_image_purpose_outside_the_documented_set_is_refused(
    make_client: MakeClient,
) -> None:
    refusal = refused(
        make_client, lambda client: client.uploads.image(b"x", bundle_id="b1", purpose="banner")
    )
    assert refusal.field == "purpose"


def test_image_from_url(make_client: MakeClient) -> None:
    recorder = Recorder(ok(IMAGE))
    with make_client(recorder) as client:
        result = client.uploads.image_from_url(
            url="https://cdn.example.com/p.jpg", bundle_id="b1", purpose="carousel"
        )
    assert result.storage_path == IMAGE["storage_path"]
    assert recorder.json() == {
        "url": "https://cdn.example.com/p.jpg",
        "bundle_id": "b1",
        "purpose": "carousel",
    }
    assert recorder.header("Idempotency-Key") is not None


@pytest.mark.parametrize(
    ("call", "field"),
    [
        ({"url": "", "bundle_id": "b1"}, "url"),
        ({"url": None, "bundle_id": "b1"}, "url"),
        ({"url": "https://x.test/p.jpg", "bundle_id": ""}, "bundle_id"),
        ({"url": "https://x.test/p.jpg", "bundle_id": "b1", "purpose": "cover"}, "purpose"),
    ],
)
def test_image_from_url_refusals_send_nothing(
    make_client: MakeClient, call: dict[str, Any], field: str
) -> None:
    refusal = refused(make_client, lambda client: client.uploads.image_from_url(**call))
    assert refusal.field == field


# -- models --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "raw"),
    UPLOAD_MODELS,
)
def test_upload_models_keep_unknown_fields_and_round_trip(
    cls: type[Any], raw: dict[str, Any]
) -> None:
    model = structure(raw, cls)
    declared = {a.name for a in cls.__attrs_attrs__}
    assert set(model.extra) == {key for key in raw if key not in declared}
    assert model.to_dict() == raw


def test_unknown_purpose_survives_as_a_string() -> None:
    model = structure({**IMAGE, "purpose": "story_cover"}, ImageUpload)
    assert model.extra["purpose"] == "story_cover"
    assert str(ImagePurpose("profile_picture")) == "profile_picture"


def test_image_model_says_where_each_value_goes() -> None:
    doc = ImageUpload.__doc__ or ""
    assert "storage_path" in doc and "profile_picture_url" in doc and "carousel_images" in doc
    assert "video_url" in (VideoUpload.__doc__ or "")


# -- 100 MB in bounded memory --------------------------------------------------------------------


class StreamSink(httpx.BaseTransport):
    """A server that reads the request body chunk by chunk and throws it away."""

    def __init__(self) -> None:
        self.received = 0

    def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        for chunk in request.stream:  # type: ignore[union-attr]
            self.received += len(chunk)
        return httpx.Response(200, json={"data": VIDEO})

    # The sync twin of this class (generated) serves the blocking client through this name.
    handle_request = handle_async_request  # type: ignore[assignment]


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.mp4"
    block = os.urandom(MB)
    with path.open("wb") as handle:
        for _ in range(BIG_SIZE // MB):
            handle.write(block)
    return path


@pytest.mark.parametrize("source_kind", ["path", "file object", "plain reader"])
def test_100_mb_upload_streams_in_bounded_memory(big_file: Path, source_kind: str) -> None:
    sink = StreamSink()
    last: list[tuple[int, int | None]] = [(0, None)]

    def progress(sent: int, total: int | None) -> None:
        last[0] = (sent, total)

    with TokPortal(api_key=API_KEY, transport=sink, rate_limit=None) as client:
        source: Any = big_file
        if source_kind == "file object":
            source = big_file.open("rb")
        elif source_kind == "plain reader":
            source = PlainReader(big_file)
        tracemalloc.start()
        try:
            tracemalloc.reset_peak()
            before, _ = tracemalloc.get_traced_memory()
            client.uploads.video(source, bundle_id="b1", progress=progress)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            if source_kind != "path":
                source.close()
    assert peak - before < 16 * MB, f"peak grew by {(peak - before) / MB:.1f} MB"
    assert sink.received > BIG_SIZE
    assert last[0] == (BIG_SIZE, BIG_SIZE)
