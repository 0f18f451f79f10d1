"""Per-request cost of the SDK against raw httpx, over loopback keep-alive connections.

    python benchmarks/overhead.py [--requests 2000] [--rounds 5]

A loopback server (its own process) answers a canned ``GET /me``. Each round times
``--requests`` sequential calls of: raw ``httpx.Client`` (get + JSON decode), ``TokPortal``
(``client.me.get()``, a typed ``User``), raw ``httpx.AsyncClient`` and ``AsyncTokPortal``.
Variants alternate in blocks so machine noise hits all alike; the median block is reported,
and the SDK's cost is printed as a ratio to raw httpx measured in the same run. The client
throttle is off (this measures per-request overhead, not rate limiting); one extra line shows
the throttle switched on with a limit that never binds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import canned_server

from tokportal import AsyncTokPortal, TokPortal

KEY = "sk_" + "0" * 64


def time_sync(call: Callable[[], object], n: int) -> float:
    call()  # warm the connection
    start = time.perf_counter()
    for _ in range(n):
        call()
    return (time.perf_counter() - start) / n


async def time_async(call: Callable[[], Awaitable[object]], n: int) -> float:
    await call()
    start = time.perf_counter()
    for _ in range(n):
        await call()
    return (time.perf_counter() - start) / n


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000, help="per variant and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--block", type=int, default=100, help="requests per timed block")
    args = parser.parse_args()
    blocks = max(1, args.requests // args.block)
    results: dict[str, list[float]] = {}

    def record(name: str, seconds: float) -> None:
        results.setdefault(name, []).append(seconds)

    with canned_server() as base_url:
        me_url = base_url + "/me"
        raw = httpx.Client(headers={"X-API-Key": KEY})
        sdk = TokPortal(api_key=KEY, base_url=base_url, rate_limit=None)
        sdk_throttled = TokPortal(
            api_key=KEY, base_url=base_url, rate_limit=1e9, rate_limit_burst=10**9
        )

        async def async_round() -> None:
            async with (
                httpx.AsyncClient(headers={"X-API-Key": KEY}) as raw_async,
                AsyncTokPortal(api_key=KEY, base_url=base_url, rate_limit=None) as sdk_async,
            ):

                async def raw_call() -> object:
                    return (await raw_async.get(me_url)).json()

                # Blocks alternate between the variants so drift hits both alike.
                for _ in range(blocks):
                    record("httpx.AsyncClient", await time_async(raw_call, args.block))
                    record("AsyncTokPortal", await time_async(sdk_async.me.get, args.block))

        for _ in range(args.rounds):
            for _ in range(blocks):
                record("httpx.Client", time_sync(lambda: raw.get(me_url).json(), args.block))
                record("TokPortal", time_sync(sdk.me.get, args.block))
                record("TokPortal (throttle on)", time_sync(sdk_throttled.me.get, args.block))
            asyncio.run(async_round())
        raw.close()
        sdk.close()
        sdk_throttled.close()

    median = {name: statistics.median(times) for name, times in results.items()}
    total = blocks * args.block
    print(
        f"{total} sequential keep-alive GET /me per variant and round, {args.rounds} rounds, "
        f"in alternating blocks of {args.block}; median block:"
    )
    for name, seconds in median.items():
        print(f"  {name:<26} {seconds * 1e6:8.1f} us/request")
    print("ratios (target <= 1.25):")
    for label, numerator, denominator in [
        ("TokPortal / httpx.Client", "TokPortal", "httpx.Client"),
        ("TokPortal (throttle on) / httpx", "TokPortal (throttle on)", "httpx.Client"),
        ("AsyncTokPortal / httpx.AsyncClient", "AsyncTokPortal", "httpx.AsyncClient"),
    ]:
        print(f"  {label:<36} {median[numerator] / median[denominator]:.3f}")


if __name__ == "__main__":
    main()
