# Generated from tokportal/_async/transport.py by scripts/generate_sync.py; do not edit.
"""The blocking transport: drives the policy of ``tokportal._core`` over an httpx client.

It knows operations, not resources: it builds the request once per logical call (one
idempotency key for all attempts), waits for the throttle, sends, and lets ``_core`` decide
whether the outcome is done, worth another attempt, or an error.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import httpx

from .. import _primitives
from .._core.options import DEFAULT_OPTIONS, CallOptions
from .._core.outcome import Action, AttemptOutcome, Done, attempt_outcome
from .._core.ratelimit import Grant, RateLimitObservation, RedisRateLimiter
from .._core.redact import mask_exception
from .._core.requests import PreparedRequest, Query, base_headers, build_request
from .._core.response import APIResponse
from .._core.retry import (
    Decision,
    FailureKind,
    Retry,
    RetryPolicy,
    decide_after_failure,
)
from .._io.bodies import UploadBody, upload_sources
from .._operations import Operation
from .._primitives import Sleep
from .._types import NOT_GIVEN, TimeoutTypes
from ..errors import APIConnectionError, APITimeoutError, InvalidRequestError, TokPortalError
from .ratelimit import LocalRateLimiter, RateLimiter, RedisLimiter

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


_UNLIMITED = Grant()


def _follow(clock: Clock) -> Clock:
    """A wall clock that moves with ``clock``, set to the real time now."""
    offset = time.time() - clock()
    return lambda: clock() + offset


def _failure_kind(exc: httpx.TransportError) -> FailureKind:
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return FailureKind.CONNECT
    if isinstance(exc, httpx.TimeoutException):
        return FailureKind.TIMEOUT
    return FailureKind.NETWORK


class Transport:
    """Sends operations to the API with auth, throttling, retries and idempotency keys."""

    def __init__(
        self,
        config: TransportConfig,
        *,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Sleep | None = None,
        clock: Clock | None = None,
        wall_clock: Clock | None = None,
        rate_limiter: RateLimiter | RedisRateLimiter | None = None,
    ) -> None:
        self.config = config
        self._owns_http_client = http_client is None
        self._http = http_client or httpx.Client(
            transport=transport,
            timeout=config.timeout,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )
        self._sleep = sleep or _primitives.sleep
        self._clock = clock or time.monotonic
        self._jitter = random.Random()
        self._default_headers = base_headers(config.api_key)
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
        self, rate_limiter: RateLimiter | RedisRateLimiter | None
    ) -> RateLimiter | None:
        config = self.config
        if isinstance(rate_limiter, RedisRateLimiter):
            rate = rate_limiter.rate_limit or config.rate_limit
            if rate is None:
                raise ValueError(
                    "a RedisRateLimiter needs the key's rate: give rate_limit= to the client "
                    "or to RedisRateLimiter.from_url"
                )
            return RedisLimiter(
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
        return LocalRateLimiter.per_minute(
            config.rate_limit,
            config.rate_limit_burst,
            sleep=self._sleep,
            clock=self._clock,
            wall_clock=self._wall_clock,
        )

    def with_config(self, config: TransportConfig) -> Transport:
        """A transport with other settings sharing this one's connection pool and limiter."""
        clone = Transport(
            config,
            http_client=self._http,
            sleep=self._sleep,
            clock=self._clock,
            wall_clock=self._wall_clock,
            rate_limiter=self._limiter,
        )
        clone._owns_http_client = False
        return clone

    @property
    def http_client(self) -> httpx.Client:
        return self._http

    @property
    def rate_limiter(self) -> RateLimiter | None:
        return self._limiter

    def close(self) -> None:
        try:
            if self._owns_limiter and self._limiter is not None:
                self._limiter.close()
        finally:
            if self._owns_http_client:
                self._http.close()

    def request(
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
        try:
            return self._send_with_retries(prepared, policy, timeout)
        except (TokPortalError, httpx.HTTPError) as exc:
            # Whatever raised it, the user sees no request with the real key (rule 6).
            mask_exception(exc)
            raise

    def _build(self, prepared: PreparedRequest, timeout: TimeoutTypes) -> httpx.Request:
        """The httpx request for one attempt; what httpx itself refuses (a multipart part
        it cannot encode, a URL too long) is a local refusal, before any byte leaves."""
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
        sources = upload_sources(prepared.files)
        if sources and isinstance(request.stream, httpx.SyncByteStream):
            # httpx's multipart encoder lays the parts out; the files are read through
            # this body (off the event loop in the async flavour).
            request.stream = UploadBody(request.stream, sources)
        return request

    def _send_with_retries(
        self, prepared: PreparedRequest, policy: RetryPolicy, timeout: TimeoutTypes
    ) -> APIResponse:
        operation = prepared.operation
        retries = 0
        # Built before the throttle is asked for a slot: a refused request costs no token.
        request = self._build(prepared, timeout)
        while True:
            # Holding the probe obliges this attempt to release it on every way out (an
            # error of any kind, a cancellation), else every later call would wait forever.
            grant = self._limiter.acquire() if self._limiter is not None else _UNLIMITED
            answered = False
            try:
                if retries:
                    # A fresh request per retry: a multipart body is a stream read once.
                    request = self._build(prepared, timeout)
                outcome = self._attempt(prepared, request)
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
                    if isinstance(decision, Retry):
                        retries += 1
                        self._sleep(decision.wait)
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
                self._observe(result, grant)
                action = result.action
                self._log(prepared, result.status_code, result.request_id, retries, action)
                if isinstance(action, Done):
                    return action.response
                if isinstance(action, Retry):
                    retries += 1
                    self._sleep(action.wait)
                    continue
                raise action.error from action.cause
            finally:
                if not answered:
                    self._abandon(grant)

    def _attempt(
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
            response = self._http.send(request, stream=True, follow_redirects=False)
        except httpx.TransportError as exc:
            return exc
        except Exception as exc:  # not cancellation: that is a BaseException and propagates
            raise self._connection_error(prepared, None, exc) from exc
        try:
            return response, response.read()
        except httpx.TransportError as exc:
            # Truncated or stalled body: the server may have run the request, as for a
            # connection dropped before the headers; the retry policy decides.
            return exc
        except Exception as exc:
            # httpx.DecodingError (a body that contradicts its Content-Encoding) and anything
            # else: the server answered, so the request may have run; the caller reports it.
            return response, exc
        finally:
            response.close()

    def _observe(self, outcome: AttemptOutcome, grant: Grant) -> None:
        """Tell the rate limiter what this answer says about the key's budget."""
        if self._limiter is not None:
            observation = RateLimitObservation(
                outcome.status_code,
                outcome.rate_limit,
                outcome.slowdown if outcome.status_code == 429 else None,
            )
            self._limiter.observe(grant, observation)

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
