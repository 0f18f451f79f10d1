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
from .retry import server_wait

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


def decode_body(status_code: int, lookup: Mapping[str, str], content: bytes) -> Any:
    """JSON for JSON responses, text for text ones, None for an empty body."""
    if not content:
        return None
    content_type = lookup.get("content-type", "").split(";")[0].strip().lower()
    if content_type.startswith("text/"):
        return content.decode(_charset(lookup) or "utf-8", errors="replace")
    try:
        return json.loads(content)
    except ValueError as exc:
        if status_code >= 400:
            # An error page from a proxy: keep its text for the error message.
            return content.decode("utf-8", errors="replace")
        raise APIResponseValidationError(
            f"expected a JSON body, got {content_type or 'no content type'}: {exc}",
            status_code=status_code,
            body=content[:200].decode("utf-8", errors="replace"),
        ) from None


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
    body: Any,
    idempotency_key: str | None,
    retries: int,
) -> APIResponse:
    return APIResponse(
        operation_id=operation_id,
        status_code=status_code,
        headers=headers,
        body=body,
        request_id=request_id_of(lookup),
        api_version=lookup.get(h.API_VERSION.lower()),
        rate_limit=rate_limit_of(lookup),
        idempotency_key=idempotency_key,
        replayed=lookup.get(h.IDEMPOTENT_REPLAYED.lower(), "").strip().lower() == "true",
        retries=retries,
    )


def error_from_response(
    *,
    status_code: int,
    headers: httpx.Headers,
    body: Any,
    idempotency_key: str | None,
    request: httpx.Request | None,
    now: float,
) -> APIStatusError:
    """The exception for an error response: class from the status, fields from the envelope."""
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
    fields: dict[str, Any] = {
        "status_code": status_code,
        "code": code,
        "message": message,
        "details": details,
        "request_id": request_id_of(header_lookup(headers)),
        "headers": headers,
        "body": body,
        "idempotency_key": idempotency_key,
        "request": request,
    }
    cls = _error_class(status_code)
    if issubclass(cls, RateLimitError):
        return cls(retry_after=server_wait(headers, body, now=now), **fields)
    return cls(**fields)
