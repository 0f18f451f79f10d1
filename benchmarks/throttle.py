"""The client throttle under load: many concurrent calls on ONE client against a rate limit.

    python benchmarks/throttle.py [--calls 500] [--limit 600] [--burst 20] [--in-process]
                                  [--only {matched,slow-key}]

An emulator limited to ``--limit`` requests/minute with a bucket of ``--burst`` tokens serves
on loopback sockets (``emu.serve()``). ``--calls`` calls of ``client.credits.balance()`` start
at once in an anyio task group on one ``AsyncTokPortal`` with its throttle on
(``rate_limit=--limit``); then the same run with the throttle off is the baseline. Each run
uses a fresh emulator (a full bucket). Printed per run: calls, elapsed, ``RateLimitError``
raised, requests answered 429 and their share of all requests, and throughput against the
limit: calls/s over the limit's sustained rate, and the fastest possible schedule (the burst
at once, then one call per 1/rate s) over the elapsed time. ``--in-process`` also runs the
throttled client over the in-process transport.

A second scenario, "slow key", gives the key less than the client expects: the emulator
allows ``--slow-limit`` requests/minute (default 30) with a burst of ``--slow-burst`` (1),
the client keeps its default ``rate_limit`` (120/min), and ``--slow-calls`` (34) calls start
at once. The throttle has to learn the server's refill rate from its answers; the same
targets apply. The baseline is the throttle off. It cannot be scaled up to save time:
``Retry-After`` and ``X-RateLimit-Reset`` are whole seconds, so a faster key gives the
client coarser information, not the same arithmetic.

Targets (throttle on): 0 RateLimitError, 429 share <= 2 % (slow key: at most 3 of the
requests, as learning costs a refusal or two), throughput >= 90 % of the fastest possible
schedule. The exit status is 1 when a target is missed. It takes about
``(calls - burst) / (limit / 60)`` seconds per throttled run: 48 s for the matched scenario,
66 s for the slow key, by default.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import anyio
import attrs

from tokportal import APIError, AsyncTokPortal, RateLimitError
from tokportal._core.config import DEFAULT_RATE_LIMIT_PER_MINUTE
from tokportal.testing import Emulator

MAX_429_SHARE = 0.02
MAX_429_LEARNING = 3  # refusals a client may spend learning a slower key
MIN_THROUGHPUT = 0.90


@attrs.frozen
class Run:
    label: str
    calls: int
    ok: int
    elapsed: float
    rate_limit_errors: int
    other_errors: int
    requests: int
    answered_429: int
    limit_per_minute: float
    burst: int
    client_rate: float | None = None

    @property
    def share_429(self) -> float:
        return self.answered_429 / self.requests if self.requests else 0.0

    @property
    def vs_limit(self) -> float:
        """Calls per second over the limit's sustained rate."""
        return (self.ok / self.elapsed) / (self.limit_per_minute / 60.0)

    @property
    def vs_ideal(self) -> float:
        """The fastest possible schedule (burst, then the sustained rate) over elapsed."""
        ideal = max(0, self.calls - self.burst) / (self.limit_per_minute / 60.0)
        return ideal / self.elapsed if self.ok == self.calls else 0.0

    def lines(self) -> list[str]:
        return [
            f"{self.label}",
            f"  calls                  {self.calls} ({self.ok} succeeded)",
            f"  elapsed                {self.elapsed:.2f} s",
            f"  RateLimitError raised  {self.rate_limit_errors}"
            + (f" (+{self.other_errors} other errors)" if self.other_errors else ""),
            f"  answered 429           {self.answered_429} of {self.requests} requests "
            f"({self.share_429:.2%})",
            f"  throughput             {self.ok / self.elapsed:.2f} calls/s = "
            f"{self.vs_limit:.1%} of the limit ({self.limit_per_minute / 60:.2f}/s), "
            f"{self.vs_ideal:.1%} of the fastest possible schedule",
        ]


async def run(
    label: str,
    *,
    calls: int,
    limit: float,
    burst: int,
    throttle: bool,
    sockets: bool = True,
    client_rate: float | None = None,
) -> Run:
    with Emulator(seed=1, rate_limit_per_minute=limit, rate_limit_burst=burst) as emu:
        served: AbstractContextManager[Any] = emu.serve() if sockets else nullcontext(None)
        with served as base_url:
            outcomes: Counter[str] = Counter()
            options: dict[str, Any] = (
                {"base_url": base_url} if sockets else {"transport": emu.transport}
            )
            rate = (client_rate or limit) if throttle else None
            async with AsyncTokPortal(api_key=emu.api_key, rate_limit=rate, **options) as client:

                async def one() -> None:
                    try:
                        await client.credits.balance()
                        outcomes["ok"] += 1
                    except RateLimitError:
                        outcomes["rate_limit_error"] += 1
                    except APIError:
                        outcomes["other_error"] += 1

                start = time.perf_counter()
                async with anyio.create_task_group() as group:
                    for _ in range(calls):
                        group.start_soon(one)
                elapsed = time.perf_counter() - start
        statuses = [r.status for r in emu.requests]
    return Run(
        label=label,
        calls=calls,
        ok=outcomes["ok"],
        elapsed=elapsed,
        rate_limit_errors=outcomes["rate_limit_error"],
        other_errors=outcomes["other_error"],
        requests=len(statuses),
        answered_429=statuses.count(429),
        limit_per_minute=limit,
        burst=burst,
        client_rate=client_rate,
    )


def missed_targets(result: Run) -> list[str]:
    missed = []
    if result.rate_limit_errors or result.other_errors:
        missed.append(f"{result.rate_limit_errors} RateLimitError (target 0)")
    if result.client_rate is not None and result.client_rate > result.limit_per_minute:
        if result.answered_429 > MAX_429_LEARNING:
            missed.append(f"{result.answered_429} requests answered 429 (target <= 3)")
    elif result.share_429 > MAX_429_SHARE:
        missed.append(f"429 share {result.share_429:.2%} (target <= {MAX_429_SHARE:.0%})")
    if result.vs_ideal < MIN_THROUGHPUT:
        missed.append(
            f"throughput {result.vs_ideal:.1%} of the fastest schedule "
            f"(target >= {MIN_THROUGHPUT:.0%})"
        )
    return missed


def show(result: Run) -> Run:
    print("\n".join(result.lines()), flush=True)
    return result


async def matched(args: argparse.Namespace) -> list[Run]:
    """The client's rate_limit is the key's limit."""
    common = {"calls": args.calls, "limit": args.limit, "burst": args.burst}
    print(
        f"{args.calls} concurrent calls on one AsyncTokPortal (rate_limit={args.limit:g}); "
        f"emulator limit {args.limit:g}/min, burst {args.burst}\n"
    )
    checked = [show(await run("throttle ON, loopback sockets", throttle=True, **common))]
    if args.in_process:
        checked.append(
            show(
                await run(
                    "throttle ON, in-process transport", throttle=True, sockets=False, **common
                )
            )
        )
    show(await run("throttle OFF (baseline), loopback sockets", throttle=False, **common))
    return checked


async def slow_key(args: argparse.Namespace) -> list[Run]:
    """The key allows less than the client's default rate: the throttle must learn it."""
    client_rate = DEFAULT_RATE_LIMIT_PER_MINUTE
    common = {"calls": args.slow_calls, "limit": args.slow_limit, "burst": args.slow_burst}
    print(
        f"slow key: {args.slow_calls} concurrent calls on one AsyncTokPortal with its default "
        f"rate_limit={client_rate:g}; emulator limit {args.slow_limit:g}/min, "
        f"burst {args.slow_burst}\n"
    )
    label = "slow key, throttle ON (default rate, learns the key's), loopback sockets"
    checked = [show(await run(label, throttle=True, client_rate=client_rate, **common))]
    show(await run("slow key, throttle OFF (baseline), loopback sockets", throttle=False, **common))
    return checked


async def main_async(args: argparse.Namespace) -> int:
    checked: list[Run] = []
    if args.only in (None, "matched"):
        checked += await matched(args)
        print()
    if args.only in (None, "slow-key"):
        checked += await slow_key(args)

    failures = [f"{r.label}: {m}" for r in checked for m in missed_targets(r)]
    print()
    if failures:
        print("TARGETS MISSED:\n  " + "\n  ".join(failures))
        return 1
    print(
        "targets met: 0 RateLimitError, 429 share <= 2 % (slow key: <= 3 requests), "
        "throughput >= 90 % of the fastest possible schedule"
    )
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--limit", type=float, default=600.0, help="requests per minute")
    parser.add_argument("--burst", type=int, default=20)
    parser.add_argument("--in-process", action="store_true", help="also run in-process")
    parser.add_argument("--slow-calls", type=int, default=34)
    parser.add_argument("--slow-limit", type=float, default=30.0, help="requests per minute")
    parser.add_argument("--slow-burst", type=int, default=1)
    parser.add_argument("--only", choices=["matched", "slow-key"], help="run one scenario")
    args = parser.parse_args()
    sys.exit(anyio.run(main_async, args))


if __name__ == "__main__":
    main()
