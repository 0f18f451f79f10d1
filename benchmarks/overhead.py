"""Per-request cost of the SDK against raw httpx, over loopback keep-alive connections.

    python benchmarks/overhead.py [--requests 2000] [--rounds 5]

A loopback server (its own process) answers a canned ``GET /me``. Each round times
``--requests`` sequential calls of: raw ``httpx.Client`` (get + JSON decode), ``TokPortal``
(``client.me.get()``, a typed ``User``), raw ``httpx.AsyncClient`` and ``AsyncTokPortal``.
Rounds are interleaved so machine noise hits all four alike; the median round is reported,
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
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    n = args.requests
    results: dict[str, list[float]] = {}

    with canned_server() as base_url:
        me_url = base_url + "/me"
        raw = httpx.Client(headers={"X-API-Key": KEY})
        sdk = TokPortal(api_key=KEY, base_url=base_url, rate_limit=None)
        sdk_throttled = TokPortal(
            api_key=KEY, base_url=base_url, rate_limit=1e9, rate_limit_burst=10**9
        )

        async def async_round() -> tuple[float, float]:
            async with (
                httpx.AsyncClient(headers={"X-API-Key": KEY}) as raw_async,
                AsyncTokPortal(api_key=KEY, base_url=base_url, rate_limit=None) as sdk_async,
            ):

                async def raw_call() -> object:
                    return (await raw_async.get(me_url)).json()

                return (
                    await time_async(raw_call, n),
                    await time_async(sdk_async.me.get, n),
                )

        for _ in range(args.rounds):
            results.setdefault("httpx.Client", []).append(
                time_sync(lambda: raw.get(me_url).json(), n)
            )
            results.setdefault("TokPortal", []).append(time_sync(sdk.me.get, n))
            results.setdefault("TokPortal (throttle on)", []).append(
                time_sync(sdk_throttled.me.get, n)
            )
            raw_async_time, sdk_async_time = asyncio.run(async_round())
            results.setdefault("httpx.AsyncClient", []).append(raw_async_time)
            results.setdefault("AsyncTokPortal", []).append(sdk_async_time)
        raw.close()
        sdk.close()
        sdk_throttled.close()

    median = {name: statistics.median(times) for name, times in results.items()}
    print(f"{n} sequential keep-alive GET /me per round, {args.rounds} rounds, median round:")
    for name, seconds in median.items():
        print(f"  {name:<26} {seconds * 1e6:8.1f} us/request")
    print("ratios (target <= 1.25):")
    print(
        f"  TokPortal / httpx.Client            {median['TokPortal'] / median['httpx.Client']:.3f}"
    )
    print(
        f"  TokPortal (throttle on) / httpx     {median['TokPortal (throttle on)'] / median['httpx.Client']:.3f}"
    )
    print(
        f"  AsyncTokPortal / httpx.AsyncClient  {median['AsyncTokPortal'] / median['httpx.AsyncClient']:.3f}"
    )


if __name__ == "__main__":
    main()
