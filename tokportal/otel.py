"""OpenTelemetry traces and metrics for every TokPortal call (``pip install tokportal-sdk[otel]``).

::

    import tokportal.otel
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    tokportal.otel.instrument()                 # one INTERNAL span per call, and metrics
    tokportal.otel.instrument_httpx()           # a CLIENT span per attempt on the wire

Only ``opentelemetry-api`` is needed; the SDK never sets up a provider or an exporter: it
uses the global ones (or those given), so traces go wherever your application sends them.
``import tokportal`` never imports this module, nor OpenTelemetry.

What it records (nothing secret: no API key, no webhook secret, no presigned URL):

- a span ``tokportal {operation_id}`` (kind INTERNAL) around each logical call, with
  ``tokportal.operation_id``, ``tokportal.idempotency_key``, ``tokportal.dry_run``,
  ``tokportal.request_id`` (the last attempt's), ``tokportal.retries``,
  ``tokportal.credits_charged`` (paid writes) and ``error.type`` on failure; span events
  ``tokportal.throttle_wait`` and ``tokportal.retry``;
- metrics ``tokportal.client.throttle.wait`` (histogram, s), ``tokportal.client.retries``
  (counter, by ``tokportal.retry.reason``) and ``tokportal.client.rate_limit.remaining``
  (gauge: the requests the key has left, as the server last said);
- with :func:`instrument_httpx` (``opentelemetry-instrumentation-httpx``), the per-attempt
  CLIENT spans, children of the call's span, named ``{method} {url.template}`` (``POST
  /bundles``) with ``url.template`` and ``http.request.resend_count``; a presigned upload's
  span keeps only the storage host of its URL (the rest is the credential).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from types import TracebackType
from typing import Any

try:
    from opentelemetry import context as otel_context
    from opentelemetry import metrics, trace
    from opentelemetry.trace import SpanKind, Status, StatusCode
except ImportError as exc:  # pragma: no cover - exercised in a subprocess
    raise ImportError(
        "tokportal.otel needs the OpenTelemetry API: pip install 'tokportal-sdk[otel]'"
    ) from exc

from . import _telemetry
from ._core.api_response import APIResponse
from ._core.events import EXTENSION, AttemptEvent, AttemptInfo
from ._version import __version__

__all__ = [
    "httpx_async_request_hook",
    "httpx_request_hook",
    "instrument",
    "instrument_httpx",
    "is_instrumented",
    "uninstrument",
]

_SCOPE = "tokportal"
REDACTED = "REDACTED"
# Attributes an instrumentation may have put the whole URL in (stable and older semconv).
_URL_ATTRIBUTES = ("url.full", "http.url")


class _Instruments:
    def __init__(
        self,
        tracer_provider: trace.TracerProvider | None,
        meter_provider: metrics.MeterProvider | None,
    ) -> None:
        self.tracer = trace.get_tracer(_SCOPE, __version__, tracer_provider=tracer_provider)
        meter = metrics.get_meter(_SCOPE, __version__, meter_provider=meter_provider)
        self.throttle_wait = meter.create_histogram(
            "tokportal.client.throttle.wait",
            unit="s",
            description="Time an attempt waited for the client's rate limiter.",
        )
        self.retries = meter.create_counter(
            "tokportal.client.retries",
            unit="{retry}",
            description="Attempts followed by another one, by reason.",
        )
        self.remaining = meter.create_gauge(
            "tokportal.client.rate_limit.remaining",
            unit="{request}",
            description="Requests the key may still make in the current window, per the server.",
        )


class _CallTrace:
    """One logical call's span: current while its attempts run, so theirs are its children."""

    def __init__(
        self,
        instruments: _Instruments,
        *,
        operation_id: str,
        idempotency_key: str | None,
        dry_run: bool,
    ) -> None:
        self._instruments = instruments
        self._operation_id = operation_id
        attributes: dict[str, Any] = {
            "tokportal.operation_id": operation_id,
            "tokportal.dry_run": dry_run,
        }
        if idempotency_key is not None:
            attributes["tokportal.idempotency_key"] = idempotency_key
        self._span = instruments.tracer.start_span(
            f"tokportal {operation_id}", kind=SpanKind.INTERNAL, attributes=attributes
        )
        self._token: Any = None
        self._attempts = 0

    def __enter__(self) -> _CallTrace:
        self._token = otel_context.attach(trace.set_span_in_context(self._span))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        span = self._span
        try:
            span.set_attribute("tokportal.retries", max(0, self._attempts - 1))
            if exc_type is not None:
                # The class only: a message may quote the request (never the key, but a
                # span is no place to find out).
                span.set_attribute("error.type", exc_type.__qualname__)
                span.set_status(Status(StatusCode.ERROR, exc_type.__qualname__))
        finally:
            otel_context.detach(self._token)
            span.end()

    def attempt(self, event: AttemptEvent) -> None:
        self._attempts = event.attempt
        instruments = self._instruments
        metric_attributes = {"tokportal.operation_id": event.operation_id}
        instruments.throttle_wait.record(event.throttle_wait, metric_attributes)
        if event.rate_limit_remaining is not None:
            instruments.remaining.set(event.rate_limit_remaining)
        span = self._span
        span.set_attribute("tokportal.request_id", event.request_id)
        if event.throttle_wait > 0:
            span.add_event(
                "tokportal.throttle_wait",
                {"tokportal.attempt": event.attempt, "tokportal.wait": event.throttle_wait},
            )
        if event.retry_reason is not None:
            attributes: dict[str, Any] = {
                "tokportal.attempt": event.attempt,
                "tokportal.retry.reason": event.retry_reason,
                "tokportal.retry.wait": event.retry_wait or 0.0,
            }
            if event.status_code is not None:
                attributes["http.response.status_code"] = event.status_code
            if event.error is not None:
                attributes["error.type"] = event.error
            span.add_event("tokportal.retry", attributes)
            instruments.retries.add(
                1, {**metric_attributes, "tokportal.retry.reason": event.retry_reason}
            )

    def succeeded(self, response: APIResponse) -> None:
        span = self._span
        if response.request_id:
            span.set_attribute("tokportal.request_id", response.request_id)
        if response.replayed:
            span.set_attribute("tokportal.idempotent_replayed", True)
        body = response.body
        if isinstance(body, Mapping):
            charged = body.get("credits_charged")
            if isinstance(charged, (int, float)) and not isinstance(charged, bool):
                span.set_attribute("tokportal.credits_charged", charged)


class _CallTracer:
    def __init__(self, instruments: _Instruments) -> None:
        self._instruments = instruments

    def start(
        self,
        *,
        operation_id: str,
        method: str,
        path_template: str,
        idempotency_key: str | None,
        dry_run: bool,
    ) -> _CallTrace:
        return _CallTrace(
            self._instruments,
            operation_id=operation_id,
            idempotency_key=idempotency_key,
            dry_run=dry_run,
        )


def instrument(
    *,
    tracer_provider: trace.TracerProvider | None = None,
    meter_provider: metrics.MeterProvider | None = None,
) -> None:
    """Trace every call of every client, made before or after this (the global providers
    unless given). Calling it again replaces the providers."""
    _telemetry.install(_CallTracer(_Instruments(tracer_provider, meter_provider)))


def uninstrument() -> None:
    """Stop tracing calls (and ``instrument_httpx``'s spans, if it was used)."""
    _telemetry.install(None)
    global _httpx_instrumentor
    if _httpx_instrumentor is not None:
        _httpx_instrumentor.uninstrument()
        _httpx_instrumentor = None


def is_instrumented() -> bool:
    """Whether :func:`instrument` is in force."""
    return _telemetry.current() is not None


def httpx_request_hook(span: trace.Span, request: Any) -> None:
    """A ``request_hook`` for ``opentelemetry-instrumentation-httpx``: names a TokPortal
    attempt's CLIENT span ``{method} {url.template}``, adds ``url.template`` and
    ``http.request.resend_count``, and strips a presigned upload URL to its host. Any other
    request is left alone. Pass it (and :func:`httpx_async_request_hook`) to your own
    ``HTTPXClientInstrumentor().instrument(...)``, or call :func:`instrument_httpx`."""
    extensions = getattr(request, "extensions", None) or {}
    info = extensions.get(EXTENSION)
    if not isinstance(info, AttemptInfo) or not span.is_recording():
        return
    method = request.method.decode() if isinstance(request.method, bytes) else request.method
    if info.presigned:
        _redact_presigned(span, request.url)
        return
    span.update_name(f"{method} {info.url_template}")
    span.set_attribute("url.template", info.url_template)
    span.set_attribute("tokportal.operation_id", info.operation_id)
    if info.resend_count:
        span.set_attribute("http.request.resend_count", info.resend_count)
    _mask_key_header(span)


async def httpx_async_request_hook(span: trace.Span, request: Any) -> None:
    """:func:`httpx_request_hook` for async clients (the instrumentation awaits it)."""
    httpx_request_hook(span, request)


def _origin(url: Any) -> str:
    """``scheme://host[:port]/`` of an httpx URL (or the instrumentation's tuple form)."""
    if isinstance(url, tuple):  # (scheme, host, port, target) as raw bytes
        scheme, host, port = (url[0].decode(), url[1].decode(), url[2])
    else:
        scheme, host, port = url.scheme, url.host, url.port
    return f"{scheme}://{host}{f':{port}' if port else ''}/{REDACTED}"


def _redact_presigned(span: trace.Span, url: Any) -> None:
    """A presigned URL is a bearer credential in its path and query both: keep its origin."""
    redacted = _origin(url)
    attributes = getattr(span, "attributes", None)
    names = [n for n in _URL_ATTRIBUTES if attributes is None or n in attributes]
    for name in names or ["url.full"]:
        span.set_attribute(name, redacted)
    span.set_attribute("tokportal.presigned_upload", True)


def _mask_key_header(span: trace.Span) -> None:
    """Header capture (``OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_CLIENT_REQUEST``) must not
    record the key, whatever the sanitize list says."""
    attributes = getattr(span, "attributes", None)
    if attributes is None:
        return
    for name in list(attributes):
        if name.lower() == "http.request.header.x-api-key":
            span.set_attribute(name, (REDACTED,))


_httpx_instrumentor: Any = None


def instrument_httpx(**kwargs: Any) -> None:
    """``HTTPXClientInstrumentor().instrument(...)`` with :func:`httpx_request_hook` and
    :func:`httpx_async_request_hook` (needs ``opentelemetry-instrumentation-httpx``).

    It instruments httpx process-wide, so clients made before or after it (and before or
    after ``import tokportal``) get the same spans. Your own ``request_hook`` /
    ``async_request_hook`` in ``kwargs`` still run, after ours.
    """
    global _httpx_instrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    theirs = kwargs.pop("request_hook", None)
    theirs_async = kwargs.pop("async_request_hook", None)

    def request_hook(span: trace.Span, request: Any) -> None:
        httpx_request_hook(span, request)
        if theirs is not None:
            theirs(span, request)

    async def async_request_hook(span: trace.Span, request: Any) -> None:
        httpx_request_hook(span, request)
        if theirs_async is not None:
            await theirs_async(span, request)

    instrumentor = HTTPXClientInstrumentor()
    if instrumentor.is_instrumented_by_opentelemetry:
        # Someone (maybe the application) instrumented httpx already, with their hooks:
        # leave that alone, and leave it to them to undo.
        logging.getLogger("tokportal").warning(
            "httpx is already instrumented; pass tokportal.otel.httpx_request_hook and "
            "httpx_async_request_hook to that instrument() call for TokPortal's span names"
        )
        return
    instrumentor.instrument(
        request_hook=request_hook, async_request_hook=async_request_hook, **kwargs
    )
    _httpx_instrumentor = instrumentor
