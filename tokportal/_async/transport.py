"""The async transport: drives the policy of ``tokportal._core`` over an httpx client.

It knows operations, not resources: it builds the request once per logical call (one
idempotency key for all attempts), waits for the throttle, sends, and lets ``_core`` decide
whether the outcome is done, worth another attempt, or an error.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import httpx

from .. import _primitives, _telemetry
from .._core import headers as h
from .._core.events import EXTENSION, AttemptEvent, AttemptInfo, Hook, mint_request_id
from .._core.options import DEFAULT_OPTIONS, CallOptions
from .._core.outcome import Action, AttemptOutcome, Done, Raise, attempt_outcome
from .._core.ratelimit import Grant, RateLimitObservation, RedisRateLimiter
from .._core.raw_response import RAW_CAPTURE
from .._core.redact import mask_exception, masked_request
from .._core.requests import PreparedRequest, Query, base_headers, build_request
from .._core.response import APIResponse
from .._core.retry import (
    Decision,
    FailureKind,
    Retry,
    RetryPolicy,
    decide_after_failure,
)
from .._io.bodies import AsyncUploadBody, upload_sources
from .._operations import Operation
from .._primitives import AsyncSleep
from .._types import NOT_GIVEN, TimeoutTypes
from ..errors import APIConnectionError, APITimeoutError, InvalidRequestError, TokPortalError
from .ratelimit import AsyncLocalRateLimiter, AsyncRateLimiter, AsyncRedisLimiter

logger = logging.getLogger("tokportal")

Clock = Callable[[], float]


@attrs.frozen(kw_only=True)
class TransportConfig:
    """Everything a transport was configured with (copied by ``with_options``)."""

    api_key: str = attrs.field(repr=False)
    base_url: str
    timeout: TimeoutTypes
    retry: RetryPolicy
    dry_run: bool
    rate_limit: float | None
    rate_limit_burst: int | None
    # Headers added to every request (``default_headers=``), checked as extra_headers are.
    default_headers: Mapping[str, str] = attrs.field(factory=dict)
    hooks: Sequence[Hook] = ()  # called with each attempt's AttemptEvent


_UNLIMITED = Grant()


def _follow(clock: Clock) -> Clock:
    """A wall clock that moves with ``clock``, set to the real time now."""
    offset = time.time() - clock()
    return lambda: clock() + offset


def _default_headers(config: TransportConfig) -> dict[str, str]:
    """The SDK's headers, then the client's ``default_headers`` over them (by name, in any
    case: a ``user-agent`` given replaces the SDK's ``User-Agent``, not doubles it)."""
    headers = base_headers(config.api_key)
    given = {name.lower() for name in config.default_headers}
    headers = {name: value for name, value in headers.items() if name.lower() not in given}
    headers.update(config.default_headers)
    return headers


def _same_budget(a: TransportConfig, b: TransportConfig) -> bool:
    return (a.api_key, a.base_url, a.rate_limit, a.rate_limit_burst) == (
        b.api_key,
        b.base_url,
        b.rate_limit,
        b.rate_limit_burst,
    )


def _capture(response: APIResponse, http_response: httpx.Response, request: httpx.Request) -> None:
    """Keep the response for ``with_raw_response`` when one is listening (and only then:
    every other call lets the httpx response go). Its request is the masked copy."""
    captured = RAW_CAPTURE.get()
    if captured is not None:
        http_response.request = masked_request(request)
        captured.append((response, http_response))


@attrs.define
class _Report:
    """An attempt's facts as they become known, for its :class:`AttemptEvent`."""

    prepared: PreparedRequest
    request: httpx.Request
    attempt: int
    asked_at: float  # when the attempt asked the throttle for a go
    sent_at: float

    def event(
        self,
        now: float,
        decision: Decision | Action,
        failure: Exception | None,
        outcome: AttemptOutcome | None = None,
    ) -> AttemptEvent:
        sent_id = self.request.headers.get(h.REQUEST_ID, "")
        retry = decision if isinstance(decision, Retry) else None
        rate_limit = outcome.rate_limit if outcome is not None else None
        error = type(failure).__name__ if failure is not None else None
        if error is None and isinstance(decision, Raise):
            error = type(decision.error).__name__
        return AttemptEvent(
            operation_id=self.prepared.operation.operation_id,
            attempt=self.attempt,
            method=self.prepared.method,
            path_template=self.prepared.operation.path,
            status_code=outcome.status_code if outcome is not None else None,
            request_id=(outcome.request_id if outcome is not None else None) or sent_id,
            sent_request_id=sent_id,
            idempotency_key=self.prepared.idempotency_key,
            dry_run=h.DRY_RUN in self.prepared.headers,
            duration=max(0.0, now - self.sent_at),
            throttle_wait=max(0.0, self.sent_at - self.asked_at),
            retry_reason=retry.reason if retry is not None else None,
            retry_wait=retry.wait if retry is not None else None,
            error=error,
            rate_limit_remaining=rate_limit.remaining if rate_limit is not None else None,
        )


def _failure_kind(exc: httpx.TransportError) -> FailureKind:
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return FailureKind.CONNECT
    if isinstance(exc, httpx.TimeoutException):
        return FailureKind.TIMEOUT
    return FailureKind.NETWORK


class AsyncTransport:
    """Sends operations to the API with auth, throttling, retries and idempotency keys."""

    def __init__(
        self,
        config: TransportConfig,
        *,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: AsyncSleep | None = None,
        clock: Clock | None = None,
        wall_clock: Clock | None = None,
        rate_limiter: AsyncRateLimiter | RedisRateLimiter | None = None,
    ) -> None:
        self.config = config
        self._owns_http_client = http_client is None
        self._http = http_client or httpx.AsyncClient(
            transport=transport,
            timeout=config.timeout,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )
        self._sleep = sleep or _primitives.async_sleep
        self._clock = clock or time.monotonic
        self._jitter = random.Random()
        self._default_headers = _default_headers(config)
        # The wall clock (Unix seconds) reads X-RateLimit-Reset and a Retry-After date. Not
        # given, it follows a given monotonic clock at a fixed offset: a throttle tested on a
        # fake clock must read both consistently.
        if wall_clock is None and clock is not None:
            wall_clock = _follow(clock)
        self._wall_clock = wall_clock or time.time
        self._limiter = self._bind_limiter(rate_limiter)
        # A limiter the caller built is the caller's to close (it may serve other clients).
        self._owns_limiter = rate_limiter is None or isinstance(rate_limiter, RedisRateLimiter)

    def _bind_limiter(
        self, rate_limiter: AsyncRateLimiter | RedisRateLimiter | None
    ) -> AsyncRateLimiter | None:
        config = self.config
        if isinstance(rate_limiter, RedisRateLimiter):
            rate = rate_limiter.rate_limit or config.rate_limit
            if rate is None:
                raise ValueError(
                    "a RedisRateLimiter needs the key's rate: give rate_limit= to the client "
                    "or to RedisRateLimiter.from_url"
                )
            return AsyncRedisLimiter(
                rate_limiter,
                api_key=config.api_key,
                base_url=config.base_url,
                rate_limit=rate,
                burst=rate_limiter.burst or config.rate_limit_burst,
                sleep=self._sleep,
                clock=self._clock,
                wall_clock=self._wall_clock,
            )
        if rate_limiter is not None:
            return rate_limiter
        if config.rate_limit is None:
            return None
        return AsyncLocalRateLimiter.per_minute(
            config.rate_limit,
            config.rate_limit_burst,
            sleep=self._sleep,
            clock=self._clock,
            wall_clock=self._wall_clock,
        )

    def with_config(self, config: TransportConfig) -> AsyncTransport:
        """A transport with other settings sharing this one's connection pool and limiter."""
        clone = AsyncTransport(
            config,
            http_client=self._http,
            sleep=self._sleep,
            clock=self._clock,
            wall_clock=self._wall_clock,
            # One budget per key and server: a rate budget is never shared across keys.
            rate_limiter=self._limiter if _same_budget(config, self.config) else None,
        )
        clone._owns_http_client = False
        return clone

    def for_tenant(self, config: TransportConfig) -> AsyncTransport:
        """A transport for another key: the same connection pool (httpx pools connections
        by origin, and the key travels in a header), but its own cookie jar and throttle,
        so nothing one tenant's responses set reaches another's requests."""
        sibling = httpx.AsyncClient(
            transport=self._http._transport,
            timeout=config.timeout,
            follow_redirects=False,
            trust_env=False,  # no proxy pools of its own: it takes the original's below
        )
        # The original's proxy routes (``mounts``) too: the same transports, not copies.
        sibling._mounts = self._http._mounts
        clone = AsyncTransport(
            config,
            http_client=sibling,
            sleep=self._sleep,
            clock=self._clock,
            wall_clock=self._wall_clock,
        )
        # Not owned: closing it would close the shared pool; the original closes that.
        clone._owns_http_client = False
        return clone

    @property
    def http_client(self) -> httpx.AsyncClient:
        return self._http

    @property
    def rate_limiter(self) -> AsyncRateLimiter | None:
        return self._limiter

    async def aclose(self) -> None:
        try:
            if self._owns_limiter and self._limiter is not None:
                await self._limiter.aclose()
        finally:
            if self._owns_http_client:
                await self._http.aclose()

    async def request(
        self,
        operation: Operation,
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Query | None = None,
        json: Any = None,
        files: Any = None,
        data: Mapping[str, Any] | None = None,
        options: CallOptions = DEFAULT_OPTIONS,
    ) -> APIResponse:
        config = self.config
        prepared = build_request(
            operation,
            base_url=config.base_url,
            default_headers=self._default_headers,
            client_dry_run=config.dry_run,
            path_params=path_params,
            query=query,
            json=json,
            files=files,
            data=data,
            options=options,
        )
        policy = config.retry
        if options.max_retries is not None:
            policy = attrs.evolve(policy, max_retries=options.max_retries)
        timeout = config.timeout if options.timeout is NOT_GIVEN else options.timeout
        tracer = _telemetry.current()
        try:
            if tracer is None:
                return await self._send_with_retries(prepared, policy, timeout, None)
            trace = tracer.start(
                operation_id=operation.operation_id,
                method=prepared.method,
                path_template=operation.path,
                idempotency_key=prepared.idempotency_key,
                dry_run=h.DRY_RUN in prepared.headers,
            )
            # Entered around every attempt: the attempts' own spans are its children.
            with trace:
                response = await self._send_with_retries(prepared, policy, timeout, trace)
                trace.succeeded(response)
                return response
        except (TokPortalError, httpx.HTTPError) as exc:
            # Whatever raised it, the user sees no request with the real key (rule 6).
            mask_exception(exc)
            raise

    def _build(
        self, prepared: PreparedRequest, timeout: TimeoutTypes, resends: int = 0
    ) -> httpx.Request:
        """The httpx request for one attempt; what httpx itself refuses (a multipart part
        it cannot encode, a URL too long) is a local refusal, before any byte leaves.

        Each attempt gets its own ``X-Request-ID`` (unless the caller sent one in
        ``extra_headers``, which every attempt then carries), for support to find it.
        """
        try:
            request = self._http.build_request(
                prepared.method,
                prepared.url,
                params=prepared.params or None,
                headers=prepared.headers,
                content=prepared.content,
                files=prepared.files,
                data=prepared.data,
                timeout=timeout,
            )
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            if isinstance(exc, InvalidRequestError):
                raise
            raise InvalidRequestError(
                f"{prepared.operation.operation_id} cannot be sent: {type(exc).__name__}: "
                f"{str(exc)[:200]}",
                field="request",
            ) from exc
        if h.REQUEST_ID not in request.headers:
            request.headers[h.REQUEST_ID] = mint_request_id()
        request.extensions[EXTENSION] = AttemptInfo(
            operation_id=prepared.operation.operation_id,
            url_template=prepared.operation.path,
            resend_count=resends,
        )
        sources = upload_sources(prepared.files)
        if sources and isinstance(request.stream, httpx.SyncByteStream):
            # httpx's multipart encoder lays the parts out; the files are read through
            # this body (off the event loop in the async flavour).
            request.stream = AsyncUploadBody(request.stream, sources)
        return request

    async def _send_with_retries(
        self,
        prepared: PreparedRequest,
        policy: RetryPolicy,
        timeout: TimeoutTypes,
        trace: _telemetry.CallTrace | None,
    ) -> APIResponse:
        operation = prepared.operation
        retries = 0
        # Built before the throttle is asked for a slot: a refused request costs no token.
        request = self._build(prepared, timeout)
        while True:
            # Holding the probe obliges this attempt to release it on every way out (an
            # error of any kind, a cancellation), else every later call would wait forever.
            asked_at = self._clock()
            grant = await self._limiter.acquire() if self._limiter is not None else _UNLIMITED
            answered = False
            try:
                if retries:
                    # A fresh request per retry: a multipart body is a stream read once.
                    request = self._build(prepared, timeout, retries)
                sent_at = self._clock()
                report = _Report(
                    prepared, request, attempt=retries + 1, asked_at=asked_at, sent_at=sent_at
                )
                outcome = await self._attempt(prepared, request)
                if isinstance(outcome, httpx.TransportError):
                    kind = _failure_kind(outcome)
                    answered = True  # nothing to observe: the grant is forgotten now
                    self._abandon(grant)
                    decision = decide_after_failure(
                        operation,
                        kind=kind,
                        retries_done=retries,
                        policy=policy,
                        jitter=self._jitter.random(),
                    )
                    self._log(prepared, None, None, retries, decision)
                    await self._emit(trace, report, decision, outcome)
                    if isinstance(decision, Retry):
                        retries += 1
                        await self._sleep(decision.wait)
                        continue
                    raise self._connection_error(prepared, kind, outcome) from outcome

                response, content = outcome
                result = attempt_outcome(
                    operation,
                    status_code=response.status_code,
                    headers=response.headers,
                    content=content,
                    idempotency_key=prepared.idempotency_key,
                    request=request,
                    retries_done=retries,
                    policy=policy,
                    wall_now=self._wall_clock(),
                    jitter=self._jitter.random(),
                )
                answered = True
                await self._observe(result, grant)
                action = result.action
                self._log(prepared, result.status_code, result.request_id, retries, action)
                await self._emit(trace, report, action, None, result)
                if isinstance(action, Done):
                    _capture(action.response, response, request)
                    return action.response
                if isinstance(action, Retry):
                    retries += 1
                    await self._sleep(action.wait)
                    continue
                raise action.error from action.cause
            finally:
                if not answered:
                    self._abandon(grant)

    async def _emit(
        self,
        trace: _telemetry.CallTrace | None,
        report: _Report,
        decision: Decision | Action,
        failure: Exception | None,
        outcome: AttemptOutcome | None = None,
    ) -> None:
        """Hand one attempt's event to the call's trace and to the client's hooks.

        A hook that raises is logged and does not change the call's outcome: hooks observe
        calls, they do not steer them.
        """
        if trace is None and not self.config.hooks:
            return  # no one listens: no event is built
        event = report.event(self._clock(), decision, failure, outcome)
        if trace is not None:
            trace.attempt(event)
        for hook in self.config.hooks:
            try:
                await _primitives.async_settle(hook(event))
            except Exception:
                logger.exception("tokportal event hook %r failed", hook)

    async def _attempt(
        self, prepared: PreparedRequest, request: httpx.Request
    ) -> tuple[httpx.Response, bytes | Exception] | httpx.TransportError:
        """Send once and read the whole body: the response with its bytes (or with the error
        that kept them from being read), or the network failure that the retry policy
        judges. Any other failure to send becomes a TokPortalError carrying the idempotency
        key, since the request may have run.

        Redirects are never followed, whatever the ``http_client`` says: the API key goes
        only to the base URL's host. The connection is released however this ends.
        """
        try:
            # stream=True: a body that cannot be read or decoded still leaves us its status
            # and headers (request id, rate limit) for the error.
            response = await self._http.send(request, stream=True, follow_redirects=False)
        except httpx.TransportError as exc:
            return exc
        except Exception as exc:  # not cancellation: that is a BaseException and propagates
            raise self._connection_error(prepared, None, exc) from exc
        try:
            return response, await response.aread()
        except httpx.TransportError as exc:
            # Truncated or stalled body: the server may have run the request, as for a
            # connection dropped before the headers; the retry policy decides.
            return exc
        except Exception as exc:
            # httpx.DecodingError (a body that contradicts its Content-Encoding) and anything
            # else: the server answered, so the request may have run; the caller reports it.
            return response, exc
        finally:
            await response.aclose()

    async def _observe(self, outcome: AttemptOutcome, grant: Grant) -> None:
        """Tell the rate limiter what this answer says about the key's budget."""
        if self._limiter is not None:
            observation = RateLimitObservation(
                outcome.status_code,
                outcome.rate_limit,
                outcome.slowdown if outcome.status_code == 429 else None,
            )
            await self._limiter.observe(grant, observation)

    def _abandon(self, grant: Grant) -> None:
        """The attempt got no answer: the limiter forgets its grant (frees the probe)."""
        if self._limiter is not None:
            self._limiter.abandon(grant)

    @staticmethod
    def _connection_error(
        prepared: PreparedRequest,
        kind: FailureKind | None,
        exc: Exception,
    ) -> APIConnectionError:
        """``kind`` None: an unexpected failure while sending (not a network error)."""
        name = prepared.operation.operation_id
        detail = type(exc).__name__
        key = prepared.idempotency_key
        if kind is FailureKind.TIMEOUT:
            advice = ""
            if key is not None:
                advice = (
                    f"; it may have run: repeat it with idempotency_key={key!r} to avoid "
                    "doing it twice"
                )
            return APITimeoutError(f"{name} timed out ({detail}){advice}", idempotency_key=key)
        return APIConnectionError(f"{name} failed: {detail}: {exc}", idempotency_key=key)

    @staticmethod
    def _log(
        prepared: PreparedRequest,
        status: int | None,
        request_id: str | None,
        retries: int,
        decision: Decision | Action,
    ) -> None:
        if not logger.isEnabledFor(logging.DEBUG):
            return
        wait = decision.wait if isinstance(decision, Retry) else None
        reason = None if isinstance(decision, Done) else decision.reason
        logger.debug(
            "%s %s -> %s request_id=%s attempt=%d wait=%s%s",
            prepared.method,
            prepared.path,
            status if status is not None else "no response",
            request_id,
            retries + 1,
            f"{wait:.2f}s" if wait is not None else "-",
            f" ({reason})" if reason is not None else "",
        )
