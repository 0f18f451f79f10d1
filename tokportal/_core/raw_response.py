"""``with_raw_response``: the response behind a typed call, with its result on demand.

The client's ``with_raw_response`` view runs the ordinary typed method while listening
(:data:`RAW_CAPTURE`, a context variable, so concurrent calls never see each other's
responses); the transport appends each successful response to the list it finds there. Only
a listening call keeps the ``httpx.Response``: every other call lets it go.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Generic, TypeVar, cast

import attrs
import httpx

from .api_response import APIResponse

T = TypeVar("T")

Captured = list[tuple[APIResponse, httpx.Response]]

RAW_CAPTURE: ContextVar[Captured | None] = ContextVar("tokportal_raw_capture", default=None)


@attrs.frozen(kw_only=True)
class RawResponse(Generic[T]):
    """The HTTP response of a call made through ``client.with_raw_response``.

    ``status_code``, ``headers``, ``request_id`` and ``http_response`` (the
    ``httpx.Response``, body read, its request's API key masked) describe what came back;
    :meth:`parse` gives what the typed method returns. A body the model cannot be built from
    raises :class:`~tokportal.errors.APIResponseValidationError` from :meth:`parse`, not before, so
    the raw response stays reachable. For a flow of several requests (an upload), this is
    its last API response.
    """

    api_response: APIResponse
    http_response: httpx.Response = attrs.field(repr=False)
    _parsed: T | None = attrs.field(default=None, repr=False, alias="parsed")
    _error: BaseException | None = attrs.field(default=None, repr=False, alias="error")

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        return self.api_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.api_response.headers

    @property
    def request_id(self) -> str | None:
        """TokPortal's request id (quote it to support)."""
        return self.api_response.request_id

    @property
    def idempotency_key(self) -> str | None:
        """The idempotency key the call sent, if any."""
        return self.api_response.idempotency_key

    def parse(self) -> T:
        """What the typed method returns (a listing: its first page)."""
        if self._error is not None:
            raise self._error
        return cast(T, self._parsed)
