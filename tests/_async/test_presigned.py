"""Presigned uploads: the URL is a secret (no repr, no log, no error), the PUT carries only
the signed Content-Type, and a failed PUT raises an UploadError that cannot leak it."""

from __future__ import annotations

import io
import logging
import traceback
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests._async.local_refusals import refused
from tests.cases.presigned import PRESIGN_IMAGE_REFUSALS, PRESIGNED_IMAGE, SIGNATURE, UPLOAD_URL
from tests.helpers import API_KEY, Recorder, error, ok, transport
from tokportal import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AsyncTokPortal,
    InvalidRequestError,
)
from tokportal._core.uploads import (
    UploadConnectionError,
    UploadError,
    UploadStatusError,
    UploadTimeoutError,
)
from tokportal.models.uploads import ImageUpload, PresignedUpload, VideoUpload

pytestmark = pytest.mark.anyio  # async-only

MakeClient = Callable[..., AsyncTokPortal]

STORAGE_HOST = "acct.r2.cloudflarestorage.com"
PRESIGNED_VIDEO = {"upload_url": UPLOAD_URL, "public_url": "https://pub-x.r2.dev/videos/b1/1.mp4"}


def storage(
    presigned: dict[str, str], put: httpx.Response | Exception = httpx.Response(200)
) -> Callable[[httpx.Request], httpx.Response]:
    """The API answers the presign call; the storage host answers the PUT."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == STORAGE_HOST:
            if isinstance(put, Exception):
                raise put
            return put
        if request.url.path.endswith("/credits/balance"):
            return ok({"total_credits": 10, "expiring_within_7_days": 0})
        return ok(presigned)

    return answer


def assert_no_secret(text: str) -> None:
    assert SIGNATURE not in text
    assert UPLOAD_URL not in text
    assert "X-Amz-Signature" not in text


# -- presign calls -------------------------------------------------------------------------------


async def test_presign_video_body_and_secret_url_out_of_repr(make_client: MakeClient) -> None:
    recorder = Recorder(ok(PRESIGNED_VIDEO))
    async with make_client(recorder) as client:
        presigned = await client.uploads.presign_video(
            filename="clip.mp4", bundle_id="b1", content_type="video/mp4"
        )
    assert recorder.json() == {
        "filename": "clip.mp4",
        "content_type": "video/mp4",
        "bundle_id": "b1",
    }
    assert recorder.header("Idempotency-Key") is None
    assert isinstance(presigned, PresignedUpload)
    assert presigned.upload_url == UPLOAD_URL
    assert presigned.public_url == PRESIGNED_VIDEO["public_url"]
    assert_no_secret(repr(presigned))
    assert_no_secret(str(presigned))
    assert_no_secret(repr(presigned.api_response))


async def test_presign_image_body(make_client: MakeClient) -> None:
    recorder = Recorder(ok(PRESIGNED_IMAGE))
    async with make_client(recorder) as client:
        presigned = await client.uploads.presign_image(
            filename="p.png", content_type="image/png", bundle_id="b1", purpose="profile_picture"
        )
    assert recorder.json() == {
        "filename": "p.png",
        "content_type": "image/png",
        "bundle_id": "b1",
        "purpose": "profile_picture",
    }
    assert presigned.storage_path == PRESIGNED_IMAGE["storage_path"]
    assert_no_secret(repr(presigned))


async def test_presign_refuses_an_idempotency_key(make_client: MakeClient) -> None:
    recorder = Recorder(ok(PRESIGNED_VIDEO))
    async with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError):
            await client.uploads.presign_video(
                filename="a.mp4", bundle_id="b1", idempotency_key="k1"
            )
    assert recorder.count == 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"filename": "", "bundle_id": "b1"}, "filename"),
        ({"filename": "a.mp4", "bundle_id": ""}, "bundle_id"),
        ({"filename": "a.mp4", "bundle_id": "b1", "content_type": ""}, "content_type"),
    ],
)
async def test_presign_video_refusals(
    make_client: MakeClient, kwargs: dict[str, str], field: str
) -> None:
    refusal = await refused(make_client, lambda client: client.uploads.presign_video(**kwargs))
    assert refusal.field == field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    PRESIGN_IMAGE_REFUSALS,
)
async def test_presign_image_refusals(
    make_client: MakeClient, kwargs: dict[str, str], field: str
) -> None:
    refusal = await refused(make_client, lambda client: client.uploads.presign_image(**kwargs))
    assert refusal.field == field


# -- the PUT -------------------------------------------------------------------------------------


async def test_put_carries_only_the_signed_content_type_and_the_bytes(
    make_client: MakeClient, tmp_path: Path
) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"v" * 200_000)
    recorder = Recorder(storage(PRESIGNED_VIDEO))
    seen: list[tuple[int, int | None]] = []
    async with make_client(recorder) as client:
        result = await client.uploads.video_via_presigned_url(
            path, bundle_id="b1", progress=lambda sent, total: seen.append((sent, total))
        )
    presign, put = recorder.requests
    assert presign.url.path == "/api/ext/upload/video"
    assert recorder.json(0) == {
        "filename": "clip.mp4",
        "content_type": "video/mp4",
        "bundle_id": "b1",
    }
    assert put.method == "PUT"
    assert str(put.url) == UPLOAD_URL
    assert put.content == b"v" * 200_000
    assert put.headers["Content-Type"] == "video/mp4"
    assert put.headers["Content-Length"] == "200000"
    assert "X-API-Key" not in put.headers
    assert "Authorization" not in put.headers
    assert "Idempotency-Key" not in put.headers
    assert not [name for name in put.headers if name.lower().startswith("x-tokportal")]
    assert isinstance(result, VideoUpload)
    assert result.public_url == PRESIGNED_VIDEO["public_url"]
    assert result.size_bytes == 200_000
    assert seen[-1] == (200_000, 200_000)


async def test_put_uses_the_content_type_given_for_signing(make_client: MakeClient) -> None:
    recorder = Recorder(storage(PRESIGNED_IMAGE))
    async with make_client(recorder) as client:
        result = await client.uploads.image_via_presigned_url(
            io.BytesIO(b"png"),
            bundle_id="b1",
            filename="p.png",
            content_type="image/x-signed",
            purpose="profile_picture",
        )
    _, put = recorder.requests
    assert recorder.json(0) == {
        "filename": "p.png",
        "content_type": "image/x-signed",
        "bundle_id": "b1",
        "purpose": "profile_picture",
    }
    assert put.headers["Content-Type"] == "image/x-signed"
    assert put.content == b"png"
    assert isinstance(result, ImageUpload)
    assert result.storage_path == PRESIGNED_IMAGE["storage_path"]


async def test_put_ignores_the_http_clients_default_headers() -> None:
    recorder = Recorder(storage(PRESIGNED_VIDEO))
    http = httpx.AsyncClient(
        transport=transport(recorder),
        headers={"X-API-Key": API_KEY, "X-TokPortal-Client": "app/1"},
        auth=("user", "pass"),
    )
    async with http, AsyncTokPortal(api_key=API_KEY, http_client=http, rate_limit=None) as client:
        await client.uploads.video_via_presigned_url(b"abc", bundle_id="b1", filename="a.mp4")
    put = recorder.requests[-1]
    assert put.method == "PUT"
    assert "X-API-Key" not in put.headers
    assert "X-TokPortal-Client" not in put.headers
    assert "Authorization" not in put.headers


async def test_url_is_absent_from_debug_logs_of_every_logger(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "tokportal"):
        caplog.set_level(logging.DEBUG, logger=name)
    recorder = Recorder(storage(PRESIGNED_VIDEO))
    async with make_client(recorder) as client:
        await client.uploads.video_via_presigned_url(b"abc", bundle_id="b1", filename="a.mp4")
    text = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert_no_secret(text)
    assert STORAGE_HOST not in text
    assert "PUT <presigned upload> -> 200" in caplog.text
    # The capture works: httpx's record of the API call itself is there.
    assert "HTTP Request: POST https://app.tokportal.com/api/ext/upload/video" in caplog.text


async def test_httpx_logging_is_back_to_normal_after_the_put(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    recorder = Recorder(storage(PRESIGNED_VIDEO))
    async with make_client(recorder) as client:
        await client.uploads.video_via_presigned_url(b"abc", bundle_id="b1", filename="a.mp4")
        await client.credits.balance()
    assert "https://app.tokportal.com/api/ext/credits/balance" in caplog.text


def failure_text(exc: BaseException) -> str:
    chain = []
    link: BaseException | None = exc
    while link is not None:
        chain.append(f"{link!s} {link!r} {link.args!r}")
        link = link.__cause__ or link.__context__
    return " ".join(chain) + "".join(traceback.format_exception(exc))


async def test_failed_put_raises_an_upload_error_without_the_url(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    body = (
        b"<Error><Code>SignatureDoesNotMatch</Code><Message>no</Message>"
        + f"<CanonicalRequest>PUT {UPLOAD_URL}</CanonicalRequest></Error>".encode()
    )
    recorder = Recorder(storage(PRESIGNED_VIDEO, httpx.Response(403, content=body)))
    async with make_client(recorder) as client:
        with pytest.raises(UploadStatusError) as info:
            await client.uploads.video_via_presigned_url(b"abc", bundle_id="b1", filename="a.mp4")
    exc = info.value
    assert isinstance(exc, APIStatusError)
    assert isinstance(exc, UploadError)
    assert exc.status_code == 403
    assert exc.code == "SignatureDoesNotMatch"
    assert exc.request is None
    assert exc.__cause__ is None and exc.__context__ is None
    assert_no_secret(failure_text(exc))
    assert_no_secret(repr(exc.body) + repr(exc.headers) + repr(exc.details))
    assert_no_secret(caplog.text)
    assert recorder.count == 2, "the PUT is not repeated"


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (httpx.ConnectError(f"cannot reach {UPLOAD_URL}"), UploadConnectionError),
        (httpx.WriteTimeout(f"timed out writing to {UPLOAD_URL}"), UploadTimeoutError),
        (httpx.RemoteProtocolError(f"peer closed {UPLOAD_URL}"), UploadConnectionError),
    ],
)
async def test_put_without_response_raises_without_the_url(
    make_client: MakeClient,
    caplog: pytest.LogCaptureFixture,
    failure: Exception,
    expected: type[Exception],
) -> None:
    caplog.set_level(logging.DEBUG)
    recorder = Recorder(storage(PRESIGNED_VIDEO, failure))
    async with make_client(recorder) as client:
        with pytest.raises(expected) as info:
            await client.uploads.video_via_presigned_url(b"abc", bundle_id="b1", filename="a.mp4")
    exc = info.value
    assert isinstance(exc, APIConnectionError)
    assert exc.request is None  # type: ignore[attr-defined]
    assert exc.__cause__ is None and exc.__context__ is None
    assert_no_secret(failure_text(exc))
    assert_no_secret(caplog.text)
    assert recorder.count == 2


@pytest.mark.parametrize("bad_url", ["not a url", "/relative/path?sig=1", "ftp://x.test/a?sig=1"])
async def test_unusable_upload_url_is_reported_without_quoting_it(
    make_client: MakeClient, bad_url: str
) -> None:
    recorder = Recorder(ok({"upload_url": bad_url, "public_url": "p"}))
    async with make_client(recorder) as client:
        with pytest.raises(UploadError) as info:
            await client.uploads.video_via_presigned_url(b"abc", bundle_id="b1", filename="a.mp4")
    assert bad_url not in failure_text(info.value)
    assert recorder.count == 1


async def test_missing_upload_url_is_a_response_validation_error(make_client: MakeClient) -> None:
    recorder = Recorder(ok({"public_url": "p", "storage_path": "videos/b1/1.mp4"}))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as info:
            await client.uploads.video_via_presigned_url(b"abc", bundle_id="b1", filename="a.mp4")
    assert recorder.count == 1  # no PUT
    assert (info.value.operation_id, info.value.field) == ("uploadVideo", "data.upload_url")
    assert info.value.body is None  # a presign answer may hold a capability: not kept


async def test_stream_of_unknown_size_is_refused_before_any_request(
    make_client: MakeClient,
) -> None:
    class ReadOnly:
        def read(self, size: int = -1, /) -> bytes:
            return b""

    recorder = Recorder(storage(PRESIGNED_VIDEO))
    async with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError) as info:
            await client.uploads.video_via_presigned_url(ReadOnly(), bundle_id="b1")
    assert info.value.field == "file"
    assert recorder.count == 0


@pytest.mark.parametrize("client_wide", [False, True])
async def test_dry_run_asks_for_the_url_and_sends_no_bytes(
    make_client: MakeClient, client_wide: bool
) -> None:
    recorder = Recorder(storage(PRESIGNED_VIDEO))
    options = {"dry_run": True}
    async with make_client(recorder, **(options if client_wide else {})) as client:
        result = await client.uploads.video_via_presigned_url(
            b"abc", bundle_id="b1", filename="a.mp4", **({} if client_wide else options)
        )
    assert recorder.count == 1
    assert recorder.header("X-TokPortal-Dry-Run") == "true"
    assert result.public_url == PRESIGNED_VIDEO["public_url"]


async def test_api_error_on_presign_means_no_put(make_client: MakeClient) -> None:
    recorder = Recorder(error(404, "BUNDLE_NOT_FOUND"))
    async with make_client(recorder) as client:
        with pytest.raises(APIStatusError):
            await client.uploads.image_via_presigned_url(b"abc", bundle_id="b1", filename="a.png")
    assert recorder.count == 1
