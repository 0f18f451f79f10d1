"""tokportal.otel with OpenTelemetry's in-memory exporters: the spans, events and metrics of
real calls over loopback sockets (the httpx instrumentation patches httpx's own transports,
so the emulator is served, not in-process)."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

import tokportal
import tokportal.otel
from tests.cases.bundles_create import VALID
from tests.secret_walk import SECRET_PATTERNS
from tokportal import AsyncTokPortal, TokPortal
from tokportal.testing import Emulator

TIMEOUT = 30


class Telemetry:
    def __init__(self) -> None:
        self.spans = InMemorySpanExporter()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.spans))
        self.metrics = InMemoryMetricReader()
        self.meter_provider = MeterProvider(metric_readers=[self.metrics])

    def finished(self) -> list[ReadableSpan]:
        return list(self.spans.get_finished_spans())

    def metric_points(self) -> dict[str, list[Any]]:
        data = self.metrics.get_metrics_data()
        points: dict[str, list[Any]] = {}
        for resource in data.resource_metrics if data else ():
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    points.setdefault(metric.name, []).extend(metric.data.data_points)
        return points


@pytest.fixture
def telemetry() -> Iterator[Telemetry]:
    t = Telemetry()
    tokportal.otel.instrument(tracer_provider=t.tracer_provider, meter_provider=t.meter_provider)
    tokportal.otel.instrument_httpx(
        tracer_provider=t.tracer_provider, meter_provider=t.meter_provider
    )
    try:
        yield t
    finally:
        tokportal.otel.uninstrument()
        t.tracer_provider.shutdown()
        t.meter_provider.shutdown()


@pytest.fixture
def served() -> Iterator[tuple[Emulator, str]]:
    with Emulator() as emu, emu.serve() as base_url:
        yield emu, base_url


async def _no_sleep(seconds: float) -> None:
    del seconds


def _children(spans: list[ReadableSpan], parent: ReadableSpan) -> list[ReadableSpan]:
    return [
        s
        for s in spans
        if s.parent is not None and parent.context and s.parent.span_id == parent.context.span_id
    ]


@pytest.mark.anyio
async def test_a_retried_create_is_one_internal_span_with_two_client_children(
    telemetry: Telemetry, served: tuple[Emulator, str]
) -> None:
    emu, base_url = served
    emu.faults.inject("status", operation_id="createBundle", status=503, count=1)
    with anyio.fail_after(TIMEOUT):
        async with AsyncTokPortal(
            api_key=emu.api_key,
            base_url=base_url,
            transport=httpx.AsyncHTTPTransport(),
            rate_limit=None,
            sleep=_no_sleep,
        ) as client:
            result = await client.bundles.create(**VALID)
    spans = telemetry.finished()
    (call,) = [s for s in spans if s.kind is SpanKind.INTERNAL]
    assert call.name == "tokportal createBundle"
    attributes = dict(call.attributes or {})
    assert attributes["tokportal.operation_id"] == "createBundle"
    assert attributes["tokportal.idempotency_key"] == result.api_response.idempotency_key
    assert attributes["tokportal.dry_run"] is False
    assert attributes["tokportal.retries"] == 1
    assert attributes["tokportal.request_id"] == result.api_response.request_id
    assert attributes["tokportal.credits_charged"] == result.credits_charged > 0
    assert "error.type" not in attributes
    retry_events = [e for e in call.events if e.name == "tokportal.retry"]
    assert [dict(e.attributes or {})["tokportal.retry.reason"] for e in retry_events] == [
        "status 503"
    ]

    first, second = sorted(_children(spans, call), key=lambda s: s.start_time or 0)
    assert first.kind is second.kind is SpanKind.CLIENT
    assert first.name == second.name == "POST /bundles"
    assert dict(first.attributes or {})["url.template"] == "/bundles"
    assert "http.request.resend_count" not in (first.attributes or {})
    assert dict(second.attributes or {})["http.request.resend_count"] == 1
    assert first.status.status_code is StatusCode.ERROR  # the 503
    assert second.status.status_code is not StatusCode.ERROR

    points = telemetry.metric_points()
    (retries,) = points["tokportal.client.retries"]
    assert retries.value == 1
    assert dict(retries.attributes)["tokportal.retry.reason"] == "status 503"
    assert sum(p.count for p in points["tokportal.client.throttle.wait"]) == 2
    assert [p.value for p in points["tokportal.client.rate_limit.remaining"]][-1] >= 0


@pytest.mark.anyio
async def test_a_failed_call_has_error_type(
    telemetry: Telemetry, served: tuple[Emulator, str]
) -> None:
    emu, base_url = served
    with anyio.fail_after(TIMEOUT):
        async with AsyncTokPortal(
            api_key=emu.api_key,
            base_url=base_url,
            transport=httpx.AsyncHTTPTransport(),
            rate_limit=None,
        ) as client:
            with pytest.raises(tokportal.NotFoundError):
                await client.bundles.get("00000000-0000-4000-8000-000000000000")
    (call,) = [s for s in telemetry.finished() if s.kind is SpanKind.INTERNAL]
    assert call.name == "tokportal getBundle"
    assert dict(call.attributes or {})["error.type"] == "NotFoundError"
    assert call.status.status_code is StatusCode.ERROR
    (attempt,) = _children(telemetry.finished(), call)
    assert attempt.name == "GET /bundles/{id}"


def test_a_presigned_upload_span_has_no_query_and_no_path(
    telemetry: Telemetry, served: tuple[Emulator, str]
) -> None:
    emu, base_url = served
    with TokPortal(
        api_key=emu.api_key, base_url=base_url, transport=httpx.HTTPTransport(), rate_limit=None
    ) as client:
        bundle = client.bundles.create(**VALID).bundle
        client.uploads.video_via_presigned_url(
            b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, bundle_id=bundle.id, filename="a.mp4"
        )
    spans = telemetry.finished()
    (put,) = [s for s in spans if s.kind is SpanKind.CLIENT and s.name == "PUT"]
    attributes = dict(put.attributes or {})
    urls = [str(attributes[n]) for n in ("url.full", "http.url") if n in attributes]
    assert urls, attributes
    for url in urls:
        assert "?" not in url
        assert "/_emulator/storage/" not in url
        assert url.endswith("/REDACTED")
    assert attributes["tokportal.presigned_upload"] is True
    # Inside a span of its own that says what it was.
    (call,) = [s for s in spans if s.name == "tokportal presignedUpload"]
    assert _children(spans, call) == [put]
    assert "tokportal uploadVideo" in {s.name for s in spans}


def test_calls_are_not_traced_once_uninstrumented(served: tuple[Emulator, str]) -> None:
    t = Telemetry()
    tokportal.otel.instrument(tracer_provider=t.tracer_provider, meter_provider=t.meter_provider)
    assert tokportal.otel.is_instrumented()
    tokportal.otel.uninstrument()
    assert not tokportal.otel.is_instrumented()
    emu, base_url = served
    with TokPortal(api_key=emu.api_key, base_url=base_url, rate_limit=None) as client:
        client.me.get()
    assert t.finished() == []


# -- import order and the optional dependency ------------------------------------------------------

_SPANS_SCRIPT = """
import json, sys
import httpx
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))

def instrument():
    import tokportal.otel
    tokportal.otel.instrument(tracer_provider=provider)
    tokportal.otel.instrument_httpx(tracer_provider=provider)

if sys.argv[1] == "before":
    instrument()
import tokportal
from tokportal.testing import Emulator
with Emulator() as emu, emu.serve() as base_url:
    client = tokportal.TokPortal(api_key=emu.api_key, base_url=base_url, rate_limit=None)
    if sys.argv[1] == "after":
        instrument()
    emu.faults.inject("status", operation_id="getCurrentUser", status=503, count=1)
    client.me.get()
    client.close()
spans = exporter.get_finished_spans()
ids = {s.context.span_id: s.name for s in spans}
print(json.dumps(sorted(
    ([s.name, s.kind.name, ids.get(s.parent.span_id) if s.parent else None,
      (s.attributes or {}).get("http.request.resend_count")]
     for s in spans),
    key=json.dumps,
)))
"""


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_instrumenting_before_or_after_import_gives_the_same_spans() -> None:
    results = {}
    for order in ("before", "after"):
        done = _run(_SPANS_SCRIPT, order)
        assert done.returncode == 0, done.stderr
        results[order] = json.loads(done.stdout)
    assert results["before"] == results["after"]
    assert results["before"] == sorted(
        [
            ["GET /me", "CLIENT", "tokportal getCurrentUser", None],
            ["GET /me", "CLIENT", "tokportal getCurrentUser", 1],
            ["tokportal getCurrentUser", "INTERNAL", None, None],
        ],
        key=json.dumps,
    )


_WITHOUT_OTEL_SCRIPT = """
import importlib.abc, sys

class NoOpenTelemetry(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "opentelemetry" or name.startswith("opentelemetry."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

if sys.argv[1] == "absent":
    sys.meta_path.insert(0, NoOpenTelemetry())
import tokportal
from tokportal.testing import Emulator
with Emulator() as emu:
    with tokportal.TokPortal(api_key=emu.api_key, transport=emu.transport) as client:
        client.me.get()
    async def main():
        async with tokportal.AsyncTokPortal(api_key=emu.api_key, transport=emu.transport) as client:
            await client.me.get()
    import anyio
    anyio.run(main)
loaded = sorted(m for m in sys.modules if m.startswith("opentelemetry"))
assert not loaded, loaded
if sys.argv[1] == "absent":
    try:
        import tokportal.otel
    except ImportError as exc:
        assert "tokportal-sdk[otel]" in str(exc), exc
    else:
        raise AssertionError("tokportal.otel imported without opentelemetry")
print("ok")
"""


@pytest.mark.parametrize("opentelemetry", ["absent", "installed"])
def test_import_tokportal_imports_no_opentelemetry(opentelemetry: str) -> None:
    done = _run(_WITHOUT_OTEL_SCRIPT, opentelemetry)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


# -- the secret walk over a whole demo run ---------------------------------------------------------


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(record.getMessage())
        self.texts.append(repr(record.args))
        if record.exc_info:
            self.texts.append(logging.Formatter().formatException(record.exc_info))


def _span_texts(span: ReadableSpan) -> list[str]:
    texts = [span.to_json()]
    texts += [repr(v) for v in (span.attributes or {}).values()]
    for event in span.events:
        texts.append(event.name)
        texts += [repr(v) for v in (event.attributes or {}).values()]
    return texts


@pytest.mark.parametrize("sync", [False, True], ids=["async", "sync"])
def test_a_whole_demo_run_leaks_no_secret(telemetry: Telemetry, sync: bool) -> None:
    from tokportal.cli._display import Display
    from tokportal.cli.demo import execute

    records = _Records()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(records)
    root.setLevel(logging.DEBUG)
    events: list[Any] = []
    try:
        outcome = execute(
            sync=sync,
            in_process=False,
            seed=0,
            credits=10_000,
            display=Display(io.StringIO(), quiet=True),
        )
        # The demo uploads straight to the API; a presigned upload (and the event hooks) go
        # through the same walk here.
        with Emulator() as emu, emu.serve() as base_url:
            with TokPortal(
                api_key=emu.api_key, base_url=base_url, rate_limit=None, hooks=[events.append]
            ) as client:
                bundle = client.bundles.create(**VALID).bundle
                client.uploads.video_via_presigned_url(
                    b"\x00" * 64, bundle_id=bundle.id, filename="a.mp4"
                )
                client.webhooks.create(
                    url="https://hooks.example.test/tp", events=["bundle.published"]
                )
    finally:
        root.removeHandler(records)
        root.setLevel(previous)
    assert outcome.report.refusal is None
    assert events

    spans = telemetry.finished()
    texts = [text for span in spans for text in _span_texts(span)]
    metrics_data = telemetry.metrics.get_metrics_data()
    assert metrics_data is not None
    texts.append(metrics_data.to_json())
    texts += records.texts
    texts += [repr(event) for event in events]
    leaks = [
        (pattern.pattern, text[:120])
        for text in texts
        for pattern in SECRET_PATTERNS
        if pattern.search(text)
    ]
    assert leaks == []
    # The walk saw what it had to: calls, attempts, a presigned PUT and log lines.
    names = {s.name for s in spans}
    assert "tokportal createBundle" in names
    assert "POST /bundles" in names
    assert any(dict(s.attributes or {}).get("tokportal.presigned_upload") for s in spans)
    assert any(n.startswith("tokportal ") and "Webhook" in n for n in names)
    assert len(records.texts) > 10


# -- span events and attributes that need no socket ------------------------------------------------


def test_throttle_waits_and_dry_runs_are_on_the_call_span(telemetry: Telemetry) -> None:
    from tests.helpers import API_KEY, FakeClock, Recorder, bundle_data, charge, ok, transport

    clock = FakeClock()
    recorder = Recorder(ok(bundle_data("b1"), **charge(0, dry_run=True, credits_would_charge=38)))
    with TokPortal(
        api_key=API_KEY,
        transport=transport(recorder),
        sleep=clock.record,
        clock=clock,
        rate_limit=60,
        rate_limit_burst=1,
    ) as client:
        client.bundles.create(**VALID, dry_run=True)
        client.bundles.create(**VALID, dry_run=True)
    first, second = [s for s in telemetry.finished() if s.kind is SpanKind.INTERNAL]
    assert dict(first.attributes or {})["tokportal.dry_run"] is True
    assert dict(first.attributes or {})["tokportal.credits_charged"] == 0
    assert [e.name for e in first.events] == []
    (waited,) = second.events
    assert waited.name == "tokportal.throttle_wait"
    assert dict(waited.attributes or {})["tokportal.wait"] == pytest.approx(1.0, abs=0.05)
    (histogram,) = telemetry.metric_points()["tokportal.client.throttle.wait"]
    assert histogram.count == 2
    assert histogram.sum == pytest.approx(1.0, abs=0.05)


def test_instrument_httpx_leaves_an_existing_instrumentation_alone(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    t = Telemetry()
    theirs = HTTPXClientInstrumentor()
    theirs.instrument(tracer_provider=t.tracer_provider)
    try:
        with caplog.at_level(logging.WARNING, logger="tokportal"):
            tokportal.otel.instrument_httpx(tracer_provider=t.tracer_provider)
        assert "already instrumented" in caplog.text
        tokportal.otel.uninstrument()
        assert theirs.is_instrumented_by_opentelemetry, "ours did not undo theirs"
    finally:
        theirs.uninstrument()
