"""Reading a response: body, envelope, metadata, and the error it stands for."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx

from ..errors import APIResponseValidationError, APIStatusError, RateLimitError
from ..errors import error_class_for_status as _error_class
from . import headers as h
from .api_response import APIResponse as APIResponse
from .api_response import RateLimitInfo as RateLimitInfo

_REQUEST_ID_KEYS = tuple(name.lower() for name in h.RESPONSE_REQUEST_ID)


def header_lookup(headers: httpx.Headers) -> dict[str, str]:
    """The headers as a plain dict with lower-case names, for cheap repeated lookups
    (``httpx.Headers.get`` scans and decodes every header on each call). Of a repeated
    header the last value wins; none the SDK reads is repeated."""
    return {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in headers.raw}


def request_id_of(lookup: Mapping[str, str]) -> str | None:
    """The request id, from a :func:`header_lookup` dict."""
    for name in _REQUEST_ID_KEYS:
        value = lookup.get(name)
        if value:
            return value
    return None


def _int_header(lookup: Mapping[str, str], name: str) -> int | None:
    value = lookup.get(name.lower())
    if value is None:
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError, OverflowError):
        return None


def rate_limit_of(lookup: Mapping[str, str]) -> RateLimitInfo | None:
    """The ``X-RateLimit-*`` triple, from a :func:`header_lookup` dict."""
    limit = _int_header(lookup, h.RATE_LIMIT_LIMIT)
    remaining = _int_header(lookup, h.RATE_LIMIT_REMAINING)
    reset = _int_header(lookup, h.RATE_LIMIT_RESET)
    if limit is None and remaining is None and reset is None:
        return None
    return RateLimitInfo(limit=limit, remaining=remaining, reset=reset)


class UnreadableBody(Exception):
    """A body that is not what the operation documents (turned into an
    :class:`~tokportal.APIResponseValidationError` by the transport, which knows the key)."""

    def __init__(self, reason: str, excerpt: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.excerpt = excerpt


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity; JSON (RFC 8259) and TokPortal do not.
    raise ValueError(f"non-standard JSON constant {name}")


def _loads(content: bytes) -> Any:
    """Strict JSON: ValueError (UnicodeDecodeError included) or RecursionError on bad input."""
    return json.loads(content, parse_constant=_reject_constant)


def _excerpt(content: bytes) -> str:
    return content[:200].decode("utf-8", errors="replace")


def _text(content: bytes, lookup: Mapping[str, str]) -> str:
    try:
        return content.decode(_charset(lookup) or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        return content.decode("utf-8", errors="replace")


def decode_body(
    status_code: int, lookup: Mapping[str, str], content: bytes, *, success_is_text: bool = False
) -> Any:
    """The body of a response: the JSON envelope, text (CSV/HTML successes, non-JSON error
    pages), or None when empty.

    A success (2xx) of a JSON operation must be the documented envelope, a JSON object with
    ``data``: anything else (text, invalid JSON, NaN, a bare value) raises
    :class:`UnreadableBody` rather than reaching the caller as an empty model. A 204, or an
    empty body on an operation that documents none, is None.
    """
    success = 200 <= status_code < 300
    content_type = lookup.get("content-type", "").split(";")[0].strip().lower()
    if not content:
        if success and not success_is_text and status_code != 204:
            raise UnreadableBody(f"expected a JSON body, got an empty {status_code} response")
        return None
    if success and success_is_text:
        if content_type and not content_type.startswith("text/"):
            raise UnreadableBody(f"expected text (CSV/HTML), got {content_type}", _excerpt(content))
        return _text(content, lookup)
    if success:
        try:
            value = _loads(content)
        except (ValueError, RecursionError) as exc:
            got = f"a {content_type} body" if content_type else "a body with no content type"
            raise UnreadableBody(
                f"expected JSON, got {got} that does not parse ({exc})", _excerpt(content)
            ) from None
        if not isinstance(value, Mapping) or "data" not in value:
            raise UnreadableBody(
                "expected a JSON object with 'data' (the documented envelope), got "
                + (type(value).__name__ if not isinstance(value, Mapping) else "no 'data' key"),
                _excerpt(content),
            )
        return value
    if content_type.startswith("text/"):
        return _text(content, lookup)
    try:
        return _loads(content)
    except (ValueError, RecursionError):
        # An error page from a proxy: keep its text for the error message.
        return _text(content, lookup)


def invalid_response_error(
    reason: str,
    *,
    operation_id: str,
    status_code: int,
    headers: httpx.Headers | None,
    request_id: str | None,
    body: Any,
    idempotency_key: str | None,
    request: httpx.Request | None,
) -> APIResponseValidationError:
    """The error for a response that cannot be read; it names the key a write can be
    repeated with (the replay returns the stored result, nothing runs twice)."""
    message = f"{operation_id}: unreadable {status_code} response: {reason}"
    if idempotency_key is not None:
        message += (
            f"; it may have run: repeat it with idempotency_key={idempotency_key!r} to get "
            "its result without running it twice"
        )
    message += f" [request_id={request_id or 'unknown'}]"
    return APIResponseValidationError(
        message,
        status_code=status_code,
        body=body,
        operation_id=operation_id,
        request_id=request_id,
        idempotency_key=idempotency_key,
        headers=headers,
        request=request,
    )


def _charset(lookup: Mapping[str, str]) -> str | None:
    for part in lookup.get("content-type", "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def build_response(
    operation_id: str,
    *,
    status_code: int,
    headers: httpx.Headers,
    lookup: Mapping[str, str],
    request_id: str | None,
    rate_limit: RateLimitInfo | None,
    body: Any,
    idempotency_key: str | None,
    retries: int,
) -> APIResponse:
    return APIResponse(
        operation_id=operation_id,
        status_code=status_code,
        headers=headers,
        body=body,
        request_id=request_id,
        api_version=lookup.get(h.API_VERSION.lower()),
        rate_limit=rate_limit,
        idempotency_key=idempotency_key,
        replayed=lookup.get(h.IDEMPOTENT_REPLAYED.lower(), "").strip().lower() == "true",
        retries=retries,
    )


_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def _redirect_message(status_code: int, location: str | None) -> str:
    """Only the origin of the target: its path or query could carry a token."""
    origin = "an unknown place"
    if location:
        try:
            url = httpx.URL(location)
            origin = f"{url.scheme}://{url.netloc.decode('ascii', 'replace')}" if url.host else ""
        except (httpx.InvalidURL, TypeError, ValueError):
            origin = ""
        origin = origin or "a relative or malformed location"
    return (
        f"the server redirected (HTTP {status_code}) to {origin}; the SDK does not follow "
        "redirects, so the API key goes only to base_url's host: fix base_url"
    )


def error_from_response(
    *,
    status_code: int,
    headers: httpx.Headers,
    lookup: Mapping[str, str],
    request_id: str | None,
    retry_after: float | None,
    body: Any,
    idempotency_key: str | None,
    request: httpx.Request | None,
) -> APIStatusError:
    """The exception for an error response: class from the status, fields from the envelope;
    ``retry_after`` is the server's wait (:func:`~tokportal._core.retry.server_wait`)."""
    error = body.get("error") if isinstance(body, Mapping) else None
    code: str | None = None
    message = f"HTTP {status_code}"
    details: Mapping[str, Any] = {}
    if isinstance(error, Mapping):
        if isinstance(error.get("code"), str):
            code = error["code"]
        if isinstance(error.get("message"), str):
            message = error["message"]
        if isinstance(error.get("details"), Mapping):
            details = error["details"]
    elif isinstance(body, str) and body.strip():
        message = body.strip()[:200]
    if status_code in _REDIRECTS:
        message = _redirect_message(status_code, lookup.get("location"))
    fields: dict[str, Any] = {
        "status_code": status_code,
        "code": code,
        "message": message,
        "details": details,
        "request_id": request_id,
        "headers": headers,
        "body": body,
        "idempotency_key": idempotency_key,
        "request": request,
    }
    cls = _error_class(status_code)
    if issubclass(cls, RateLimitError):
        return cls(retry_after=retry_after, **fields)
    return cls(**fields)
