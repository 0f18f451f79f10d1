"""The emulator's socket server (h11 framing) against its in-process transport.

    python benchmarks/emulator_server.py [--requests 2000]

Times ``GET /me`` through one keep-alive ``httpx.Client``: in-process (the baseline, the same
emulator core with no sockets), over ``emu.serve()``, and a chunked ``POST /bundles`` over
sockets. Prints each as a ratio to the baseline measured in the same run, so the numbers
compare across machines.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator

import httpx

from tokportal.testing import Emulator

ROUNDS = 5


def timed(call: Callable[[], object], n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        call()
    return (time.perf_counter() - started) / n


def best(call: Callable[[], object], n: int) -> float:
    call()  # warm: connection, first-use imports
    return min(timed(call, n) for _ in range(ROUNDS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    n = parser.parse_args().requests
    body = json.dumps({"bundle_type": "account_only", "country": "USA"}).encode()

    def chunks() -> Iterator[bytes]:
        yield body[:10]
        yield body[10:]

    with Emulator(rate_limit_per_minute=10_000_000, initial_credits=10**9) as emu:
        headers = {"X-API-Key": emu.api_key}
        with httpx.Client(
            transport=emu.transport, base_url="http://x/api/ext", headers=headers
        ) as local:
            baseline = best(lambda: local.get("/me"), n)
        with (
            emu.serve() as base_url,
            httpx.Client(base_url=base_url, headers=headers, trust_env=False) as remote,
        ):
            sockets = best(lambda: remote.get("/me"), n)
            chunked = best(
                lambda: remote.post(
                    "/bundles", content=chunks(), headers={"Content-Type": "application/json"}
                ),
                max(1, n // 10),
            )
    rows = [
        ("in-process GET /me (baseline)", baseline),
        ("sockets GET /me, keep-alive", sockets),
        ("sockets POST /bundles, chunked", chunked),
    ]
    print(f"{'':34} {'per call':>10} {'vs baseline':>12}")
    for name, seconds in rows:
        print(f"{name:34} {seconds * 1e6:8.0f} us {seconds / baseline:11.2f}x")
    print(f"(best of {ROUNDS} rounds: on a shared machine, noise only ever adds time)")


if __name__ == "__main__":
    main()
