"""What seeing every call costs: event hooks and tokportal.otel, per request, over loopback.

    python benchmarks/observability.py [--requests 1000] [--rounds 3] [--in-process]

A loopback server (its own process) answers a canned ``GET /me``; ``TokPortal.me.get()`` is
timed plain (no hook, not instrumented: the baseline), with one no-op event hook, with
``tokportal.otel.instrument()`` (an SDK TracerProvider and MeterProvider whose spans go to an
in-memory exporter), and with ``instrument_httpx()`` as well (a CLIENT span per attempt).
Variants alternate in blocks so machine noise hits all alike; the median block is reported
and each variant printed as a ratio to the baseline measured in the same run.

``--in-process`` answers from an ``httpx.MockTransport`` instead of a socket: no network
time, so the ratios show the SDK's own CPU cost (the CLIENT spans of ``instrument_httpx``
then need ``instrument_client``, which this mode skips).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import BODY, canned_server

import tokportal.otel
from tokportal import TokPortal

KEY = "sk_" + "0" * 64


def time_sync(call: Callable[[], object], n: int) -> float:
    call()
    start = time.perf_counter()
    for _ in range(n):
        call()
    return (time.perf_counter() - start) / n


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1000, help="per variant and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--block", type=int, default=100, help="requests per timed block")
    parser.add_argument("--in-process", action="store_true", help="a mock transport, no socket")
    args = parser.parse_args()
    blocks = max(1, args.requests // args.block)
    spans = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(spans))
    meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
    results: dict[str, list[float]] = {}

    def record(name: str, seconds: float) -> None:
        results.setdefault(name, []).append(seconds)
        spans.clear()  # memory stays flat across blocks

    with contextlib.ExitStack() as stack:
        if args.in_process:
            base_url = "https://bench.invalid/api/ext"
            mock = httpx.MockTransport(
                lambda request: httpx.Response(
                    200, content=BODY, headers={"Content-Type": "application/json"}
                )
            )
            extra: dict[str, Any] = {"transport": mock}
        else:
            base_url = stack.enter_context(canned_server())
            extra = {}
        plain = TokPortal(api_key=KEY, base_url=base_url, rate_limit=None, **extra)
        hooked = TokPortal(
            api_key=KEY, base_url=base_url, rate_limit=None, hooks=[lambda e: None], **extra
        )
        for _ in range(args.rounds):
            for _ in range(blocks):
                record("plain", time_sync(plain.me.get, args.block))
                record("one event hook", time_sync(hooked.me.get, args.block))
                tokportal.otel.instrument(
                    tracer_provider=tracer_provider, meter_provider=meter_provider
                )
                record("otel.instrument()", time_sync(plain.me.get, args.block))
                if not args.in_process:
                    tokportal.otel.instrument_httpx(
                        tracer_provider=tracer_provider, meter_provider=meter_provider
                    )
                    record("+ instrument_httpx()", time_sync(plain.me.get, args.block))
                tokportal.otel.uninstrument()
        plain.close()
        hooked.close()

    median = {name: statistics.median(times) for name, times in results.items()}
    where = "in-process (MockTransport)" if args.in_process else "keep-alive loopback"
    print(
        f"{blocks * args.block} sequential {where} GET /me per variant and round, "
        f"{args.rounds} rounds, in alternating blocks of {args.block}; median block:"
    )
    for name, seconds in median.items():
        ratio = seconds / median["plain"]
        print(f"  {name:<22} {seconds * 1e6:8.1f} us/request   x{ratio:.3f} of plain")


if __name__ == "__main__":
    main()
