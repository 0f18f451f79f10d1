"""Errors between send and result (issue 9, R2): whatever goes wrong once a keyed request
may have left, the caller gets a TokPortalError that carries the key."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import API_KEY, Recorder, transport
from tokportal import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AsyncTokPortal,
)

pytestmark = pytest.mark.anyio  # async-only


def _client(recorder: Recorder, **options: object) -> AsyncTokPortal:
    return AsyncTokPortal(
        api_key=API_KEY,
        transport=transport(recorder),
        rate_limit=None,
        **options,  # type: ignore[arg-type]
    )


async def _create(client: AsyncTokPortal) -> None:
    await client.bundles.create(bundle_type="account_only", platform="tiktok", country="US")


def _boom(request: httpx.Request) -> httpx.Response:
    raise RuntimeError("a bug in a custom transport")


async def test_a_non_httpx_error_while_sending_carries_the_key_and_is_not_retried() -> None:
    recorder = Recorder(_boom)
    async with _client(recorder) as client:
        with pytest.raises(APIConnectionError) as caught:
            await _create(client)
    assert recorder.count == 1
    assert caught.value.idempotency_key == recorder.header("Idempotency-Key") is not None
    assert isinstance(caught.value.__cause__, RuntimeError)


def _bad_gzip(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200,
        headers={
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
            "X-TokPortal-Request-ID": "req_gz",
        },
        stream=httpx.ByteStream(b"\x1f\x8bnot gzip at all"),
    )


async def test_a_body_that_contradicts_its_encoding_carries_key_status_and_request_id() -> None:
    recorder = Recorder(_bad_gzip)
    async with _client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as caught:
            await _create(client)
    error = caught.value
    assert recorder.count == 1
    assert error.idempotency_key == recorder.header("Idempotency-Key") is not None
    assert (error.status_code, error.request_id) == (200, "req_gz")
    assert isinstance(error.__cause__, httpx.DecodingError)
    assert "DecodingError" in str(error)


async def test_a_text_plain_ok_on_a_read_is_not_an_empty_model() -> None:
    recorder = Recorder(
        httpx.Response(200, text="OK", headers={"Content-Type": "text/plain; charset=utf-8"})
    )
    async with _client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as caught:
            await client.bundles.get("b1")
    assert caught.value.idempotency_key is None
    assert caught.value.body == "OK"
    assert "text/plain" in str(caught.value)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_the_sdk_never_follows_a_redirect(status: int) -> None:
    recorder = Recorder(
        httpx.Response(status, headers={"Location": "https://elsewhere.example/api/ext/bundles"})
    )
    async with _client(recorder, max_retries=3) as client:
        with pytest.raises(APIStatusError) as caught:
            await _create(client)
    assert recorder.count == 1  # neither followed nor retried
    assert caught.value.status_code == status
    assert "https://elsewhere.example" in caught.value.message
    assert caught.value.idempotency_key == recorder.header("Idempotency-Key")
