"""Both clients against the hostile far end (``tests/farend``), over loopback sockets.

Issue 9: every error raised after a keyed request was sent carries its idempotency key; every
error is a TokPortalError; a 2xx that is not the documented JSON (invalid JSON, text/plain
"OK", bad gzip, NaN) raises APIResponseValidationError with the key, status and request id,
never an empty model (R2, R7); the key goes only to the base URL's host, whatever
``http_client`` the caller passes (R3).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.farend import FarEnd, Fault, async_deadline
from tokportal import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncTokPortal,
    TokPortalError,
    UploadStatusError,
)
from tokportal.models.bundles import BundleResult

pytestmark = pytest.mark.anyio  # async-only

BOUND = 20.0  # seconds; every test is cancelled (async) or unstuck (sync) after this
BODY_FAULTS = ("invalid_json", "text_plain", "bad_gzip", "nan")
RETRIED_FAULTS = ("drop", "status", "stall_headers", "stall_body", "truncate")


@pytest.fixture
def anyio_backend() -> str:
    """asyncio only (plus the sync twin): these go through the same socket code on every
    loop; trio meets the far end in the cancellation and paid-creates tests."""
    return "asyncio"


class NoWait:
    """The client's ``sleep``: records each wait, costs no time."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def client_for(far: FarEnd, **options: object) -> AsyncTokPortal:
    options.setdefault("timeout", httpx.Timeout(0.5, connect=2.0))
    options.setdefault("sleep", NoWait())
    options.setdefault("rate_limit", None)
    return AsyncTokPortal(api_key=far.api_key, base_url=far.base_url, **options)  # type: ignore[arg-type]


async def create(client: AsyncTokPortal, title: str, **options: object) -> BundleResult:
    return await client.bundles.create(
        bundle_type="account_only",
        platform="tiktok",
        country="US",
        title=title,
        **options,  # type: ignore[arg-type]
    )


@contextlib.asynccontextmanager
async def following_client(
    far: FarEnd,
) -> AsyncIterator[tuple[httpx.AsyncClient, AsyncTokPortal]]:
    """The SDK on the caller's own redirect-following ``http_client``, within ``BOUND``."""
    async with httpx.AsyncClient(follow_redirects=True, timeout=httpx.Timeout(2.0)) as http_client:
        async with (
            async_deadline(BOUND, far),
            AsyncTokPortal(
                api_key=far.api_key,
                base_url=far.base_url,
                http_client=http_client,
                rate_limit=None,
                sleep=NoWait(),
            ) as client,
        ):
            yield http_client, client


def creates(far: FarEnd) -> list[str | None]:
    """The idempotency key of every create that arrived, in order."""
    return [a.idempotency_key for a in far.arrivals if a.method == "POST"]


@pytest.mark.parametrize("kind", BODY_FAULTS)
async def test_unreadable_200_after_a_charge_raises_with_the_key(kind: str) -> None:
    with FarEnd() as far:
        async with async_deadline(BOUND, far), client_for(far) as client:
            far.script(Fault(kind=kind))
            with pytest.raises(APIResponseValidationError) as caught:
                await create(client, "paid")
            error = caught.value
            [key] = creates(far)
            assert key is not None
            assert error.idempotency_key == key
            assert key in str(error)  # the message says how to recover
            assert (error.status_code, error.operation_id) == (200, "createBundle")
            assert error.request_id is not None and error.request_id.startswith("req_far")
            assert far.charged(key) == 1
            assert len(far.arrivals) == 1  # not retried blindly: the caller holds the key

            # Repeating with the key gets the stored result; nothing is charged again.
            again = await create(client, "paid", idempotency_key=error.idempotency_key)
            assert again.api_response is not None and again.api_response.replayed
            assert again.credits_charged == 32
            assert far.charged(key) == 1
            assert creates(far) == [key, key]


@pytest.mark.parametrize("kind", BODY_FAULTS)
async def test_unreadable_200_on_a_read_is_an_error_not_an_empty_model(kind: str) -> None:
    with FarEnd() as far:
        async with async_deadline(BOUND, far), client_for(far) as client:
            created = await create(client, "to read")
            assert created.bundle is not None
            bundle_id = created.bundle.id
            assert bundle_id is not None
            far.script(Fault(kind=kind))
            with pytest.raises(APIResponseValidationError) as caught:
                await client.bundles.get(bundle_id)
            assert caught.value.idempotency_key is None  # a read has none
            assert caught.value.status_code == 200
            assert caught.value.request_id is not None
            # The next read is fine: the client is still usable.
            bundle = await client.bundles.get(bundle_id)
            assert bundle.id == bundle_id


async def test_text_plain_ok_on_a_listing_is_an_error() -> None:
    with FarEnd() as far:
        async with async_deadline(BOUND, far), client_for(far) as client:
            await create(client, "listed")
            far.script(Fault(kind="text_plain"))
            with pytest.raises(APIResponseValidationError):
                await client.bundles.list().to_list()
            listed = await client.bundles.list().to_list()
            assert [b.title for b in listed] == ["listed"]


@pytest.mark.parametrize("after", [False, True], ids=["before-charge", "after-charge"])
@pytest.mark.parametrize("kind", RETRIED_FAULTS)
async def test_network_and_status_faults_are_retried_with_the_same_key(
    kind: str, after: bool
) -> None:
    with FarEnd() as far:
        async with async_deadline(BOUND, far), client_for(far) as client:
            far.script(Fault(kind=kind, after=after, status=503, retry_after="0", stall=2.0))
            result = await create(client, "retried")
            keys = creates(far)
            assert len(keys) == 2 and keys[0] == keys[1] is not None
            assert result.api_response is not None
            assert result.api_response.idempotency_key == keys[0]
            assert result.api_response.retries == 1
            # Charged once; when the first attempt had run, the answer is the replay.
            assert far.charged(keys[0]) == 1
            assert result.api_response.replayed is after
            assert far.double_charges() == {}


@pytest.mark.parametrize(
    ("status", "retry_after"),
    [(408, None), (429, "0"), (429, "Thu, 01 Jan 2026 00:00:00 GMT"), (500, None), (504, None)],
)
async def test_retryable_statuses_and_retry_after_forms(
    status: int, retry_after: str | None
) -> None:
    sleep = NoWait()
    with FarEnd() as far:
        async with async_deadline(BOUND, far), client_for(far, sleep=sleep) as client:
            far.script(Fault(kind="status", status=status, retry_after=retry_after))
            result = await create(client, "after a status")
            assert result.api_response is not None and result.api_response.retries == 1
            if retry_after is not None:
                assert sleep.waits == [0.0]  # "0" and a date in the past: no wait
            assert len(set(creates(far))) == 1


@pytest.mark.parametrize("kind", ["drop", "stall_headers", "truncate"])
async def test_exhausted_retries_raise_a_connection_error_with_the_key(kind: str) -> None:
    with FarEnd() as far:
        async with async_deadline(BOUND, far), client_for(far, max_retries=1) as client:
            far.script(Fault(kind=kind, after=True), Fault(kind=kind, after=True))
            with pytest.raises(APIConnectionError) as caught:
                await create(client, "lost")
            [key] = set(creates(far))
            assert caught.value.idempotency_key == key
            assert isinstance(caught.value, APITimeoutError) is (kind == "stall_headers")
            assert far.charged(key) == 1  # it ran once; the retry was a replay
            recovered = await create(client, "lost", idempotency_key=key)
            assert recovered.api_response is not None and recovered.api_response.replayed
            assert far.charged(key) == 1


async def test_non_ascii_header_values_do_not_break_a_call() -> None:
    with FarEnd() as far:
        async with async_deadline(BOUND, far), client_for(far) as client:
            far.script(Fault(kind="non_ascii_header"))
            result = await create(client, "odd headers")
            assert result.api_response is not None
            assert result.api_response.request_id is not None
            headers = result.api_response.headers
            assert headers.get("x-odd") is not None and headers.get("x-latin") is not None
            assert far.charged(result.api_response.idempotency_key) == 1


@pytest.mark.parametrize("redirect_status", [301, 302, 307, 308])
async def test_redirects_are_not_followed_even_by_a_following_http_client(
    redirect_status: int,
) -> None:
    """R3: the user's client follows redirects; the SDK still sends nothing to the other
    origin (a different port is a different origin) and names it in the error."""
    with FarEnd() as far:
        async with following_client(far) as (http_client, client):
            far.script(Fault(kind="redirect", redirect_status=redirect_status))
            with pytest.raises(APIStatusError) as caught:
                await create(client, "redirected")
            error = caught.value
            [key] = creates(far)
            assert error.status_code == redirect_status
            assert error.idempotency_key == key
            assert far.other.origin in error.message
            assert "/api/ext" not in error.message  # only the origin, not the path
            assert far.charged(key) == 0

            far.script(Fault(kind="redirect", redirect_status=redirect_status))
            with pytest.raises(APIStatusError):
                await client.bundles.get("some-id")

            # The user's client still follows redirects for the user's own calls.
            assert http_client.follow_redirects is True
        assert far.other_arrivals == []
        assert len(far.arrivals) == 2  # one each: a redirect is never retried


async def test_every_fault_kind_raises_only_tokportal_errors() -> None:
    """The whole catalogue on one client, one fault per call, retries off: whatever the
    far end does, what comes out is a TokPortalError or a result."""
    kinds = RETRIED_FAULTS + BODY_FAULTS + ("slow_body", "non_ascii_header", "redirect")
    with FarEnd() as far:
        async with async_deadline(BOUND, far), client_for(far, max_retries=0) as client:
            outcomes: dict[str, str] = {}
            carried: dict[str, str | None] = {}
            for kind in kinds:
                for after in (False, True) if kind in RETRIED_FAULTS else (False,):
                    far.script(Fault(kind=kind, after=after, stall=2.0))
                    name = f"{kind}{'-after' if after else ''}"
                    try:
                        await create(client, name)
                        outcomes[name] = "ok"
                    except TokPortalError as exc:
                        outcomes[name] = type(exc).__name__
                        carried[name] = getattr(exc, "idempotency_key", None)
    sent = {a.json()["title"]: a.idempotency_key for a in far.arrivals}
    assert carried == {name: sent[name] for name in carried}  # every error has its key
    assert None not in carried.values()
    assert outcomes["non_ascii_header"] == outcomes["slow_body"] == "ok"
    assert outcomes["bad_gzip"] == outcomes["nan"] == "APIResponseValidationError"
    assert outcomes["stall_headers-after"] == "APITimeoutError"
    assert outcomes["redirect"] == "APIStatusError"
    assert far.double_charges() == {}


@pytest.mark.parametrize("put_fault", ["redirect", "bad_gzip", None], ids=str)
async def test_presigned_put_goes_only_to_its_url_and_never_carries_the_key(
    put_fault: str | None,
) -> None:
    """The PUT uses the caller's (redirect-following) client, yet it goes only to the
    presigned URL, without the API key; a redirect is an UploadStatusError that shows no
    part of the URL; a success's spoilt body is not read (the storage said 200)."""
    with FarEnd() as far:
        async with following_client(far) as (_, client):
            far.script(None, Fault(kind=put_fault) if put_fault else None)
            if put_fault == "redirect":
                with pytest.raises(UploadStatusError) as caught:
                    await client.uploads.video_via_presigned_url(
                        b"video bytes", bundle_id="b1", filename="v.mp4"
                    )
                assert caught.value.status_code == 307
                assert "s3cret" not in repr(caught.value) + str(caught.value)
                assert "/storage/" not in repr(caught.value) + str(caught.value)
            else:
                uploaded = await client.uploads.video_via_presigned_url(
                    b"video bytes", bundle_id="b1", filename="v.mp4"
                )
                assert uploaded.public_url is not None
                assert uploaded.public_url.endswith("/v.mp4")
    [presign, put] = far.arrivals
    assert presign.headers["x-api-key"] == far.api_key
    assert put.method == "PUT" and put.path.startswith("/storage/")
    assert "x-api-key" not in put.headers and "idempotency-key" not in put.headers
    assert put.body == b"video bytes"
    assert far.other_arrivals == []
