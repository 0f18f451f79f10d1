"""Masking the API key on the httpx objects that errors hand to the user.

The request that went over the wire carries the real ``X-API-Key``. What a user can reach
(``exc.request``, and the ``.request`` of httpx exceptions in ``__cause__``/``__context__``)
is a copy whose secret headers hold :data:`MASK` instead: in its repr, iteration, ``.get``
and ``dict(...)``, not only in httpx's repr (which masks ``Authorization`` alone).
"""

from __future__ import annotations

import httpx

from ..errors import APIError
from . import headers as h

MASK = "[secure]"

_SECRET_HEADERS = frozenset(
    name.lower().encode("ascii")
    for name in (h.API_KEY, "Authorization", "Proxy-Authorization", "Cookie")
)
_MASK_BYTES = MASK.encode("ascii")


def has_secret_headers(request: httpx.Request) -> bool:
    return any(
        name.lower() in _SECRET_HEADERS and value != _MASK_BYTES
        for name, value in request.headers.raw
    )


def masked_request(request: httpx.Request) -> httpx.Request:
    """A copy of ``request`` with every secret header's value replaced by :data:`MASK`
    (the same object when there is nothing to mask). Method, URL, other headers, body and
    extensions are kept, so the copy still says what was sent."""
    if not has_secret_headers(request):
        return request
    headers = httpx.Headers(
        [
            (name, _MASK_BYTES if name.lower() in _SECRET_HEADERS else value)
            for name, value in request.headers.raw
        ],
        encoding=request.headers.encoding,
    )
    try:
        content: bytes | None = request.content
    except httpx.RequestNotRead:
        content = None  # a streamed body: share the stream rather than consume it
    copy = httpx.Request(
        request.method,
        request.url,
        headers=headers,
        content=content,
        stream=None if content is not None else request.stream,
        extensions=dict(request.extensions),
    )
    return copy


def mask_exception(exc: BaseException) -> None:
    """Replace, in place, every httpx request reachable from ``exc`` and the exceptions
    chained to it (``__cause__``, ``__context__``) by a masked copy.

    An ``APIError`` without a request gets the masked request of the httpx error it was
    raised from, so ``exc.request`` says what failed without showing the key.
    """
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    found: httpx.Request | None = None
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        for name, value in list(getattr(current, "__dict__", {}).items()):
            if isinstance(value, httpx.Request):
                masked = masked_request(value)
                setattr(current, name, masked)
                found = found or masked
            elif isinstance(value, httpx.Response):
                _mask_response(value)
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                pending.append(linked)
    if found is not None and isinstance(exc, APIError) and exc.request is None:
        exc.request = found


def _mask_response(response: httpx.Response) -> None:
    try:
        request = response.request
    except RuntimeError:  # a response built without a request
        return
    response.request = masked_request(request)
