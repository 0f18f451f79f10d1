"""Paid creates against the hostile far end (``tests/farend``), at a size the suite skips.

    python benchmarks/farend_faults.py [--creates 3000] [--workers 20] [--rate 0.3] [--seed 1]

Two runs on one ``AsyncTokPortal`` each, over loopback sockets: a baseline without faults,
then ``--rate`` of the create requests meeting a random fault of every kind the far end
knows (half of those that can strike on either side of the charge striking after it).
Printed per run: creates, requests, faulted requests (and how many after the charge),
returned, raised, raised-and-charged, raised-with-their-key, charges, double charges, the
elapsed time, and the faulty run's time over the baseline's (ratio; the stalls cost a read
timeout each).

Targets: 0 double charges, every raised call that was charged carries its key, nothing
reaches the other origin. The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import anyio
import attrs
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.farend import KINDS, Arrival, FarEnd
from tokportal import AsyncTokPortal, TokPortalError


@attrs.frozen
class Run:
    label: str
    creates: int
    requests: int
    faulted: int
    after: int
    returned: int
    raised: int
    raised_charged: int
    raised_with_key: int
    charges: int
    double: int
    leaked: int
    elapsed: float


def _only_creates(arrival: Arrival) -> bool:
    return arrival.method == "POST"


async def _sleep(seconds: float) -> None:
    await anyio.sleep(min(seconds, 0.005))


async def run(label: str, creates: int, workers: int, rate: float, seed: int) -> Run:
    errors: dict[str, TokPortalError] = {}
    returned = 0
    with FarEnd() as far:
        if rate:
            far.mix(rate, KINDS, seed=seed, after_share=0.5, where=_only_creates)
        started = time.perf_counter()
        async with AsyncTokPortal(
            api_key=far.api_key,
            base_url=far.base_url,
            timeout=httpx.Timeout(0.5, connect=2.0),
            max_retries=4,
            sleep=_sleep,
            rate_limit=1_000_000,
        ) as client:
            numbers = iter(range(creates))

            async def worker() -> None:
                nonlocal returned
                for n in numbers:
                    try:
                        await client.bundles.create(
                            bundle_type="account_only", platform="tiktok", country="US",
                            title=f"order {n}",
                        )  # fmt: skip
                    except TokPortalError as exc:
                        errors[f"order {n}"] = exc
                    else:
                        returned += 1

            async with anyio.create_task_group() as group:
                for _ in range(workers):
                    group.start_soon(worker)
        elapsed = time.perf_counter() - started
        key_of = {a.json()["title"]: a.idempotency_key for a in far.arrivals}
        charged = {title for title, key in key_of.items() if far.charged(key)}
        return Run(
            label=label,
            creates=creates,
            requests=len(far.arrivals),
            faulted=sum(1 for a in far.arrivals if a.fault is not None),
            after=sum(1 for a in far.arrivals if a.fault is not None and a.fault.after),
            returned=returned,
            raised=len(errors),
            raised_charged=sum(1 for title in errors if title in charged),
            raised_with_key=sum(
                1
                for title, exc in errors.items()
                if getattr(exc, "idempotency_key", None) == key_of[title]
            ),
            charges=sum(far.charges.values()),
            double=len(far.double_charges()),
            leaked=len(far.other_arrivals),
            elapsed=elapsed,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--creates", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=20)
    parser.add_argument("--rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    base = anyio.run(run, "baseline", args.creates, args.workers, 0.0, args.seed)
    faulty = anyio.run(
        run, f"{args.rate:.0%} faults", args.creates, args.workers, args.rate, args.seed
    )
    ok = True
    for result in (base, faulty):
        print(
            f"{result.label:>12}: {result.creates} creates, {result.requests} requests, "
            f"{result.faulted} faulted ({result.faulted / result.requests:.0%}, "
            f"{result.after} after the charge); {result.returned} returned, {result.raised} "
            f"raised ({result.raised_charged} charged, {result.raised_with_key} with their "
            f"key); {result.charges} charges, {result.double} double; {result.leaked} "
            f"requests at the other origin; {result.elapsed:.2f} s"
        )
        ok &= result.double == 0 and result.leaked == 0
        ok &= result.raised_with_key == result.raised
    print(f"faulty / baseline time: {faulty.elapsed / base.elapsed:.2f}x")
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
