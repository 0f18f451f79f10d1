"""``with_raw_response``: the response behind a typed call, with its result on demand.

The client's ``with_raw_response`` view runs the ordinary typed method while listening
(:data:`RAW_CAPTURE`, a context variable, so concurrent calls never see each other's
responses); the transport appends each successful response to the list it finds there. Only
a listening call keeps the ``httpx.Response``: every other call lets it go.

The views (``tokportal/_async/raw.py``, generated from the operations spec) wrap each typed
method with :func:`async_raw_method` / :func:`async_raw_listing` (the blocking twin with
:func:`raw_method` / :func:`raw_listing`): the wrapper takes the method's own parameters
(a ``ParamSpec``) and returns ``RawResponse[<what the method returns>]``, a listing its first
page's, so a type checker sees ``raw.parse()`` as ``Bundle``, ``Page[Bundle]``...
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from types import TracebackType
from typing import Generic, ParamSpec, Protocol, TypeVar, cast

import attrs
import httpx

from ..errors import APIResponseValidationError, TokPortalError
from .api_response import APIResponse
from .pagination import Page

T = TypeVar("T")
P = ParamSpec("P")

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


class _Listening:
    """One call's capture: sets :data:`RAW_CAPTURE` for the call's duration and holds back a
    response the model cannot be built from (the raw response is what the caller needs then;
    ``parse()`` raises it)."""

    def __init__(self, method: object) -> None:
        self._method = method
        self._captured: Captured = []
        self._error: APIResponseValidationError | None = None

    def __enter__(self) -> _Listening:
        self._token = RAW_CAPTURE.set(self._captured)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        RAW_CAPTURE.reset(self._token)
        if isinstance(exc, APIResponseValidationError) and self._captured:
            self._error = exc
            return True
        return False

    def response(self, result: T | None) -> RawResponse[T]:
        if not self._captured:
            name = getattr(self._method, "__qualname__", repr(self._method))
            raise TokPortalError(f"{name} sent no API request")
        api_response, http_response = self._captured[-1]
        return RawResponse(
            api_response=api_response, http_response=http_response, parsed=result, error=self._error
        )


class _AsyncPages(Protocol[T]):
    def first_page(self) -> Awaitable[Page[T]]: ...


class _Pages(Protocol[T]):
    def first_page(self) -> Page[T]: ...


def async_raw_method(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[RawResponse[T]]]:
    """``method`` (an async typed method), returning its :class:`RawResponse` instead."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        result: T | None = None
        with _Listening(method) as listening:
            result = await method(*args, **kwargs)
        return listening.response(result)

    return call


def async_raw_listing(
    method: Callable[P, _AsyncPages[T]],
) -> Callable[P, Awaitable[RawResponse[Page[T]]]]:
    """``method`` (an async listing), returning its first page's :class:`RawResponse`: a
    listing is many responses, fetched as it is walked; the first is the one a call makes."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[Page[T]]:
        result: Page[T] | None = None
        with _Listening(method) as listening:
            result = await method(*args, **kwargs).first_page()
        return listening.response(result)

    return call


def raw_method(method: Callable[P, T]) -> Callable[P, RawResponse[T]]:
    """``method`` (a blocking typed method), returning its :class:`RawResponse` instead."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        result: T | None = None
        with _Listening(method) as listening:
            result = method(*args, **kwargs)
        return listening.response(result)

    return call


def raw_listing(method: Callable[P, _Pages[T]]) -> Callable[P, RawResponse[Page[T]]]:
    """``method`` (a blocking listing), returning its first page's :class:`RawResponse`."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[Page[T]]:
        result: Page[T] | None = None
        with _Listening(method) as listening:
            result = method(*args, **kwargs).first_page()
        return listening.response(result)

    return call
