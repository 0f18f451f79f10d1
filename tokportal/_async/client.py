"""``AsyncTokPortal``: the async client."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

import attrs
import httpx

from .._core import config
from .._core.events import Hook
from .._core.options import CallOptions, check_extra_headers
from .._core.pagination import raw_item
from .._core.ratelimit import RedisRateLimiter
from .._core.requests import Query, find_operation
from .._core.response import APIResponse
from .._core.retry import RetryPolicy
from .._primitives import AsyncSleep
from .._types import NOT_GIVEN, NotGiven, RequestOptions, TimeoutTypes
from ..errors import InvalidRequestError, TokPortalError
from .pagination import AsyncPaginator
from .ratelimit import AsyncRateLimiter
from .transport import AsyncTransport, Clock, TransportConfig

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .raw import AsyncRawResponseView
    from .resources.accounts import AsyncAccounts
    from .resources.ad_codes import AsyncAdCodes
    from .resources.analytics import AsyncAnalytics
    from .resources.bundles import AsyncBundles
    from .resources.comments import AsyncComments
    from .resources.coverage import AsyncCoverage
    from .resources.credits import AsyncCredits
    from .resources.me import AsyncMe
    from .resources.reference import AsyncCountries, AsyncPlatforms
    from .resources.uploads import AsyncUploads
    from .resources.warming import AsyncWarming
    from .resources.webhooks import AsyncWebhooks

# A key goes into a header: refuse anything that could split or smuggle one.
_HEADER_SAFE = re.compile(r"^[\x21-\x7e]+$")


def _resolve_api_key(api_key: str | None) -> str:
    key = api_key if api_key is not None else os.environ.get(config.API_KEY_ENV)
    if key is None or not key.strip():
        raise TokPortalError(
            f"no API key: pass api_key=... or set the {config.API_KEY_ENV} environment variable"
        )
    key = key.strip()
    if not _HEADER_SAFE.match(key):
        raise TokPortalError("the API key contains spaces or control characters")
    return key


def _resolve_base_url(base_url: str | httpx.URL | None) -> str:
    url = str(base_url or os.environ.get(config.BASE_URL_ENV) or config.DEFAULT_BASE_URL)
    if not url.startswith(("https://", "http://")):
        raise TokPortalError(f"base_url must be an http(s) URL, got {url!r}")
    return url.rstrip("/")


def _checked_default_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    if headers is None:
        return {}
    try:
        check_extra_headers(headers)
    except InvalidRequestError as exc:
        # The same rules as a call's extra_headers, said of the client's argument.
        raise TokPortalError(str(exc).replace("extra_headers", "default_headers")) from None
    return dict(headers)


def _checked_hooks(hooks: Sequence[Hook]) -> tuple[Hook, ...]:
    if callable(hooks):
        return (hooks,)
    hooks = tuple(hooks)
    for hook in hooks:
        if not callable(hook):
            raise TokPortalError(f"hooks must be callables, got {type(hook).__name__}")
    return hooks


class AsyncTokPortal:
    """The TokPortal API client (async).

    ``async with AsyncTokPortal() as client:`` reads the key from ``TOKPORTAL_API_KEY``.
    Typed methods live on the resource attributes (``client.bundles.create(...)``);
    :meth:`request` calls any of the 91 operations by id.

    ``hooks`` are called with an :class:`~tokportal.AttemptEvent` after every attempt on the
    wire (coroutine functions too, awaited); ``default_headers`` go on every request.
    ``rate_limit`` (requests per minute, None: off) and ``rate_limit_burst`` shape the
    in-process rate limiter; ``rate_limiter`` replaces it: a
    :class:`~tokportal.ratelimit.RedisRateLimiter` to share one budget with other workers
    (closed with the client), or a limiter of your own on the protocol of
    ``tokportal.ratelimit`` (yours to close; it may serve several clients).

    Test seams: ``transport`` (an ``httpx.AsyncBaseTransport``, e.g. the emulator's or an
    ``httpx.MockTransport``), ``sleep`` and ``clock`` (so retry waits cost no time).
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = config.DEFAULT_MAX_RETRIES,
        max_retry_after: float = config.MAX_RETRY_AFTER,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
        dry_run: bool = False,
        rate_limit: float | None = config.DEFAULT_RATE_LIMIT_PER_MINUTE,
        rate_limit_burst: int | None = None,
        rate_limiter: AsyncRateLimiter | RedisRateLimiter | None = None,
        sleep: AsyncSleep | None = None,
        clock: Clock | None = None,
        hooks: Sequence[Hook] = (),
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        if transport is not None and http_client is not None:
            raise TokPortalError("give transport or http_client, not both")
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise TokPortalError(f"max_retries must be a whole number >= 0, got {max_retries!r}")
        try:
            transport_config = TransportConfig(
                api_key=_resolve_api_key(api_key),
                base_url=_resolve_base_url(base_url),
                timeout=config.DEFAULT_TIMEOUT if timeout is NOT_GIVEN else timeout,
                retry=RetryPolicy(max_retries=max_retries, max_retry_after=max_retry_after),
                dry_run=dry_run,
                rate_limit=rate_limit,
                rate_limit_burst=rate_limit_burst,
                default_headers=_checked_default_headers(default_headers),
                hooks=_checked_hooks(hooks),
            )
            self._bind(
                AsyncTransport(
                    transport_config,
                    http_client=http_client,
                    transport=transport,
                    sleep=sleep,
                    clock=clock,
                    rate_limiter=rate_limiter,
                )
            )
        except ValueError as exc:
            raise TokPortalError(str(exc)) from None

    def _bind(self, transport: AsyncTransport) -> None:
        self._transport = transport

    # Resources are built on first use, each importing its models then: importing the
    # client (or making one) does not build all of the SDK's model classes.
    @functools.cached_property
    def me(self) -> AsyncMe:
        """``client.me``: who the key belongs to."""
        from .resources.me import AsyncMe

        return AsyncMe(self._transport)

    @functools.cached_property
    def countries(self) -> AsyncCountries:
        """``client.countries``: the countries accounts can be created in."""
        from .resources.reference import AsyncCountries

        return AsyncCountries(self._transport)

    @functools.cached_property
    def platforms(self) -> AsyncPlatforms:
        """``client.platforms``: the platforms and what each supports."""
        from .resources.reference import AsyncPlatforms

        return AsyncPlatforms(self._transport)

    @functools.cached_property
    def credits(self) -> AsyncCredits:
        """``client.credits``: balance, costs and transactions."""
        from .resources.credits import AsyncCredits

        return AsyncCredits(self._transport)

    @functools.cached_property
    def bundles(self) -> AsyncBundles:
        """``client.bundles``: bundles, with ``.account`` and ``.videos``."""
        from .resources.bundles import AsyncBundles

        return AsyncBundles(self._transport)

    @functools.cached_property
    def accounts(self) -> AsyncAccounts:
        """``client.accounts``: delivered accounts, bans and the consent flow."""
        from .resources.accounts import AsyncAccounts

        return AsyncAccounts(self._transport)

    @functools.cached_property
    def coverage(self) -> AsyncCoverage:
        """``client.coverage``: TokPortal Coverage (managed subscriptions)."""
        from .resources.coverage import AsyncCoverage

        return AsyncCoverage(self._transport)

    @functools.cached_property
    def warming(self) -> AsyncWarming:
        """``client.warming``: account warming."""
        from .resources.warming import AsyncWarming

        return AsyncWarming(self._transport)

    @functools.cached_property
    def analytics(self) -> AsyncAnalytics:
        """``client.analytics``: analytics, reports and exports."""
        from .resources.analytics import AsyncAnalytics

        return AsyncAnalytics(self._transport)

    @functools.cached_property
    def webhooks(self) -> AsyncWebhooks:
        """``client.webhooks``: webhook endpoints and deliveries."""
        from .resources.webhooks import AsyncWebhooks

        return AsyncWebhooks(self._transport)

    @functools.cached_property
    def uploads(self) -> AsyncUploads:
        """``client.uploads``: media uploads."""
        from .resources.uploads import AsyncUploads

        return AsyncUploads(self._transport)

    @functools.cached_property
    def ad_codes(self) -> AsyncAdCodes:
        """``client.ad_codes``: ad codes."""
        from .resources.ad_codes import AsyncAdCodes

        return AsyncAdCodes(self._transport)

    @functools.cached_property
    def comments(self) -> AsyncComments:
        """``client.comments``: comment tasks."""
        from .resources.comments import AsyncComments

        return AsyncComments(self._transport)

    @property
    def base_url(self) -> str:
        """The API root every request goes to (the only host that sees the key)."""
        return self._transport.config.base_url

    @property
    def dry_run(self) -> bool:
        """Whether every write of this client is sent as a dry run."""
        return self._transport.config.dry_run

    @functools.cached_property
    def with_raw_response(self) -> AsyncRawResponseView:
        """This client's methods, returning the raw response:
        ``client.with_raw_response.bundles.get(bundle_id)`` gives its status, headers,
        request id and ``httpx.Response``; ``.parse()`` gives the ``Bundle``."""
        from .raw import AsyncRawResponseView

        return AsyncRawResponseView(self)

    def with_options(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        dry_run: bool | None = None,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> AsyncTokPortal:
        """A client with other settings that shares this one's connections.

        With the same key and server it shares the throttle too; another ``api_key`` (a
        tenant) or ``base_url`` gets its own rate budget, and another key its own cookie
        jar. ``default_headers`` replace the client's. Closing the copy does not close the
        shared connections; close the original.
        """
        current = self._transport.config
        try:
            changed = attrs.evolve(
                current,
                timeout=current.timeout if timeout is NOT_GIVEN else timeout,
                retry=current.retry
                if max_retries is None
                else attrs.evolve(current.retry, max_retries=max_retries),
                dry_run=current.dry_run if dry_run is None else dry_run,
                api_key=current.api_key if api_key is None else _resolve_api_key(api_key),
                base_url=current.base_url if base_url is None else _resolve_base_url(base_url),
                default_headers=current.default_headers
                if default_headers is None
                else _checked_default_headers(default_headers),
            )
        except ValueError as exc:
            raise TokPortalError(str(exc)) from None
        clone = object.__new__(type(self))
        if changed.api_key == current.api_key:
            clone._bind(self._transport.with_config(changed))
        else:
            clone._bind(self._transport.for_tenant(changed))
        return clone

    async def request(
        self,
        operation_id: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Query | None = None,
        json: Any = None,
        files: Any = None,
        data: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        dry_run: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
    ) -> APIResponse:
        """Call any operation by its id (see ``tokportal.OPERATIONS``); returns the raw
        :class:`~tokportal.APIResponse`. An unknown id is refused before anything is sent."""
        return await self._transport.request(
            find_operation(operation_id),
            path_params=path_params,
            query=query,
            json=json,
            files=files,
            data=data,
            options=CallOptions.of(
                {
                    "extra_headers": extra_headers,
                    "idempotency_key": idempotency_key,
                    "dry_run": dry_run,
                    "timeout": timeout,
                    "max_retries": max_retries,
                }
            ),
        )

    def paginate(
        self,
        operation_id: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Query | None = None,
        per_page: int = config.DEFAULT_PER_PAGE,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[Any]:
        """Every item of a page-numbered listing, as the API sent it, fetched lazily; takes
        the per-call options of every typed method, applied to every page's request."""
        operation = find_operation(operation_id)
        if not operation.is_paginated:
            raise InvalidRequestError(
                f"{operation_id} is not a page/per_page listing; use request() instead",
                field="operation_id",
                value=operation_id,
            )
        return AsyncPaginator(
            self._transport,
            operation,
            parse_item=raw_item,
            path_params=path_params,
            query=query,
            per_page=per_page,
            options=CallOptions.of(options),
        )

    async def aclose(self) -> None:
        """Close the connections this client opened (not an ``http_client`` you gave)."""
        await self._transport.aclose()

    async def __aenter__(self) -> AsyncTokPortal:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        dry = ", dry_run=True" if self.dry_run else ""
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key='***'{dry})"
