"""Every error a call can raise, walked for secrets: the request it hands the user shows
``X-API-Key`` masked (headers, repr, iteration, ``.get``, ``dict``), so does every httpx
error chained to it, while the request on the wire carried the real key; ``repr(exc)`` says
class, code, status, message and ids."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from tests._async.local_refusals import refused
from tests.cases.error_secrets import SIGNATURE, STATUS_CASES, UPLOAD_ERRORS, UPLOAD_URL
from tests.helpers import API_KEY, Recorder, error, ok
from tests.secret_walk import find_secrets
from tokportal import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncTokPortal,
    ConsentRequiredError,
    RateLimitError,
    TokPortalError,
    UploadStatusError,
)
from tokportal._core.redact import MASK

pytestmark = pytest.mark.anyio  # async-only

MakeClient = Callable[..., AsyncTokPortal]

NEEDLES = (API_KEY, SIGNATURE, UPLOAD_URL)


def assert_masked(request: httpx.Request | None) -> None:
    """The key is masked everywhere a user can look on this request."""
    assert request is not None
    assert request.headers["X-API-Key"] == MASK
    assert request.headers.get("x-api-key") == MASK
    assert dict(request.headers)["x-api-key"] == MASK
    assert (b"X-API-Key", MASK.encode()) in request.headers.raw
    assert API_KEY not in repr(request.headers)
    assert API_KEY not in str(list(request.headers.items()))


def assert_walk_clean(exc: BaseException) -> None:
    assert find_secrets(exc, needles=NEEDLES) == []


@pytest.mark.parametrize(("status", "code", "cls"), STATUS_CASES)
async def test_status_errors_mask_the_key_on_the_request_they_carry(
    make_client: MakeClient, status: int, code: str, cls: type[APIStatusError]
) -> None:
    recorder = Recorder(error(status, code, "it went wrong", headers={"Retry-After": "0"}))
    async with make_client(recorder, max_retries=0) as client:
        with pytest.raises(cls) as info:
            await client.bundles.update("b1", title="Spring", idempotency_key="idem-1")
    exc = info.value
    assert type(exc) is cls
    # On the wire the key was real; the user's copy says what was sent, key masked.
    assert recorder.requests[0].headers["X-API-Key"] == API_KEY
    assert_masked(exc.request)
    assert exc.request is not None
    assert (exc.request.method, exc.request.url) == ("PATCH", f"{recorder.requests[0].url}")
    assert exc.request.headers["Idempotency-Key"] == "idem-1"
    assert exc.request.content == b'{"title":"Spring"}'
    extra = ", retry_after=0.0" if cls is RateLimitError else ""
    assert repr(exc) == (
        f"{cls.__name__}(code={code!r}, status={status}, message='it went wrong', "
        f"request_id='req_err', idempotency_key='idem-1'{extra})"
    )
    assert str(exc) == f"{code} ({status}): it went wrong [request_id=req_err]"
    assert_walk_clean(exc)


async def test_consent_required_masks_the_key(make_client: MakeClient) -> None:
    details = {"policy_version": "2026-05", "expected_credit_cost": 5}
    recorder = Recorder(error(428, "POLICY_ACKNOWLEDGEMENT_REQUIRED", "accept", details=details))
    async with make_client(recorder) as client:
        with pytest.raises(ConsentRequiredError) as info:
            await client.accounts.reveal_credentials("acc-1")
    assert recorder.count == 1
    assert_masked(info.value.request)
    assert repr(info.value) == (
        "ConsentRequiredError(code='POLICY_ACKNOWLEDGEMENT_REQUIRED', status=428, "
        "message='accept', request_id='req_err')"
    )
    assert_walk_clean(info.value)


@pytest.mark.parametrize(
    ("failure", "cls"),
    [
        (httpx.ConnectError("connection refused"), APIConnectionError),
        (httpx.ReadError("connection reset by peer"), APIConnectionError),
        (httpx.ReadTimeout("timed out"), APITimeoutError),
    ],
)
async def test_connection_errors_and_their_httpx_cause_mask_the_key(
    make_client: MakeClient, failure: httpx.TransportError, cls: type[APIConnectionError]
) -> None:
    recorder = Recorder(failure)
    async with make_client(recorder, max_retries=1) as client:
        with pytest.raises(cls) as info:
            await client.bundles.create(
                bundle_type="account_only", platform="tiktok", country="US", idempotency_key="k-9"
            )
    exc = info.value
    assert type(exc) is cls
    assert recorder.count == 2  # retried once with the same key, then raised
    assert [r.headers["X-API-Key"] for r in recorder.requests] == [API_KEY, API_KEY]
    # httpx's own error, chained from ours, carried the real request: now a masked copy.
    cause = exc.__cause__
    assert isinstance(cause, httpx.TransportError)
    assert_masked(cause.request)
    assert_masked(exc.request)
    assert exc.request is not None and exc.request.url.path == "/api/ext/bundles"
    assert repr(exc) == f"{cls.__name__}(message={exc.message!r}, idempotency_key='k-9')"
    assert exc.message.startswith("createBundle ")
    assert_walk_clean(exc)


async def test_a_body_that_is_not_json_masks_nothing_it_does_not_have(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(httpx.Response(200, content=b"<html>proxy</html>"))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as info:
            await client.me.get()
    assert repr(info.value).startswith(
        "APIResponseValidationError(operation='getCurrentUser', status=200, message="
    )
    assert_walk_clean(info.value)


async def test_a_local_refusal_names_its_field_and_sends_nothing(make_client: MakeClient) -> None:
    refusal = await refused(make_client, lambda client: client.bundles.get(""))
    assert repr(refusal).startswith("InvalidRequestError(field='bundle_id', message=")
    assert_walk_clean(refusal)


Put = httpx.Response | Exception | Callable[[], httpx.Response]


def storage(put: Put) -> Callable[[httpx.Request], httpx.Response]:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "acct.r2.cloudflarestorage.com":
            if isinstance(put, Exception):
                raise put
            return put if isinstance(put, httpx.Response) else put()
        return ok({"upload_url": UPLOAD_URL, "public_url": "https://pub-x.r2.dev/v/1.mp4"})

    return answer


@pytest.mark.parametrize(
    ("put", "cls"),
    UPLOAD_ERRORS,
    ids=["status", "connect", "timeout", "undecodable"],
)
async def test_upload_errors_show_neither_key_nor_presigned_url(
    make_client: MakeClient, put: Put, cls: type[TokPortalError]
) -> None:
    recorder = Recorder(storage(put))
    async with make_client(recorder) as client:
        with pytest.raises(cls) as info:
            await client.uploads.video_via_presigned_url(b"abc", bundle_id="b1", filename="a.mp4")
    assert type(info.value) is cls
    _presign, sent = recorder.requests
    assert sent.url == UPLOAD_URL  # the PUT did go to the secret URL...
    assert "X-API-Key" not in sent.headers
    assert_walk_clean(info.value)  # ...and nothing the user gets names it
    if "amz-2" in repr(info.value):  # the undecodable error body: its code is lost
        assert repr(info.value) == (
            "UploadStatusError(code='PRESIGNED_UPLOAD_FAILED', status=403, message='the "
            "presigned upload PUT failed with HTTP 403', request_id='amz-2')"
        )
    elif cls is UploadStatusError:
        assert repr(info.value) == (
            "UploadStatusError(code='SignatureDoesNotMatch', status=403, message='the "
            "presigned upload PUT failed with HTTP 403', request_id='amz-1')"
        )
    else:
        assert re.fullmatch(rf"{cls.__name__}\(message='[^']+'\)", repr(info.value))


async def test_an_undecodable_api_answer_shows_no_key_whatever_is_raised(
    make_client: MakeClient,
) -> None:
    # httpx's DecodingError is not a transport error: however the transport reports it, the
    # request it carries must be the masked copy.
    recorder = Recorder(
        lambda request: httpx.Response(
            200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(b"not gzip")
        )
    )
    async with make_client(recorder, max_retries=0) as client:
        with pytest.raises(Exception) as info:  # the class is not the point here
            await client.me.get()
    assert recorder.requests[0].headers["X-API-Key"] == API_KEY
    assert_walk_clean(info.value)
