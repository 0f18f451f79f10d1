"""``decode_body``: what a response body may be, per status and operation kind (issue 9)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tokportal._core.response import (
    UnreadableBody,
    decode_body,
    error_from_response,
    header_lookup,
    invalid_response_error,
)
from tokportal.errors import APIResponseValidationError, APIStatusError

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    "content",
    [
        b'{"data": {"score": NaN}}',
        b'{"data": {"score": Infinity}}',
        b'{"data": [-Infinity]}',
        b"OK",
        b'{"data": {"a": 1}',  # cut short
        b'{"data": "\xff\xfe"}',  # not UTF-8
        b"[" * 100_000 + b"]" * 100_000,  # nested past the recursion limit
        b'"data"',  # a bare value
        b"[]",
        b'{"items": []}',  # an object without the envelope's data
    ],
    ids=[
        "nan",
        "infinity",
        "minus-infinity",
        "plain-ok",
        "truncated",
        "not-utf8",
        "deep",
        "bare-string",
        "bare-list",
        "no-data",
    ],
)
def test_a_success_of_a_json_operation_must_be_the_envelope(content: bytes) -> None:
    with pytest.raises(UnreadableBody) as caught:
        decode_body(200, JSON, content)
    assert caught.value.reason
    if len(content) < 1000:
        assert caught.value.excerpt is not None


def test_text_plain_ok_is_refused_whatever_the_content_type_says() -> None:
    with pytest.raises(UnreadableBody, match="text/plain"):
        decode_body(200, {"content-type": "text/plain"}, b"OK")


def test_empty_bodies() -> None:
    assert decode_body(204, {}, b"") is None
    assert decode_body(200, {}, b"", success_is_text=True) is None
    with pytest.raises(UnreadableBody, match="empty"):
        decode_body(200, JSON, b"")
    assert decode_body(500, {}, b"") is None


def test_the_envelope_is_returned_as_parsed() -> None:
    body = decode_body(200, JSON, b'{"data": [1, 2], "pagination": {"page": 1}}')
    assert body == {"data": [1, 2], "pagination": {"page": 1}}


def test_text_operations() -> None:
    csv = {"content-type": "text/csv; charset=utf-8"}
    assert decode_body(200, csv, b"a,b\n1,2\n", success_is_text=True) == "a,b\n1,2\n"
    with pytest.raises(UnreadableBody, match="application/json"):
        decode_body(200, JSON, b'{"data": []}', success_is_text=True)
    # The error envelope of a text operation is still JSON.
    error = decode_body(404, JSON, b'{"error": {"code": "NOT_FOUND"}}', success_is_text=True)
    assert error == {"error": {"code": "NOT_FOUND"}}


def test_an_unknown_charset_falls_back_to_utf8() -> None:
    lookup = {"content-type": "text/plain; charset=no-such-charset"}
    assert decode_body(502, lookup, "bad gateway \u00e9".encode()) == "bad gateway \u00e9"
    assert decode_body(200, lookup, b"x", success_is_text=True) == "x"


@pytest.mark.parametrize("content", [b"<html>proxy</html>", b'{"error": NaN}', b"\xff"])
def test_an_unreadable_error_body_is_kept_as_text(content: bytes) -> None:
    body: Any = decode_body(502, JSON, content)
    assert isinstance(body, str)


def test_the_validation_error_carries_what_a_caller_needs() -> None:
    headers = httpx.Headers({"X-TokPortal-Request-ID": "req_1"})
    error = invalid_response_error(
        "not JSON",
        operation_id="createBundle",
        status_code=200,
        headers=headers,
        request_id="req_1",
        body="OK",
        idempotency_key="key-1",
        request=None,
    )
    assert isinstance(error, APIResponseValidationError)
    assert (error.status_code, error.request_id, error.idempotency_key) == (200, "req_1", "key-1")
    assert error.operation_id == "createBundle"
    assert error.headers is headers
    assert "idempotency_key='key-1'" in str(error) and "req_1" in str(error)


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("https://evil.example:8443/api/ext/bundles?token=s3cret", "https://evil.example:8443"),
        ("/elsewhere?token=s3cret", "a relative or malformed location"),
        (None, "an unknown place"),
    ],
)
def test_a_redirect_error_names_only_the_origin(location: str | None, shown: str) -> None:
    headers = httpx.Headers({"Location": location} if location else {})
    error = error_from_response(
        status_code=307,
        headers=headers,
        lookup=header_lookup(headers),
        request_id=None,
        retry_after=None,
        body=None,
        idempotency_key="k",
        request=None,
    )
    assert type(error) is APIStatusError
    assert shown in error.message
    assert "s3cret" not in str(error) and "/api/ext" not in error.message
    assert error.idempotency_key == "k"
