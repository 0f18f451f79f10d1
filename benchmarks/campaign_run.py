"""A whole campaign (12 bundles x 3 videos) run over loopback against the emulator, each
request held ``--latency`` seconds by the emulator (a far API's round trip).

    python benchmarks/campaign_run.py [--latency 0.01]

The blocking ``CampaignRunner`` (one bundle after another) is the baseline; the async runner
at concurrency 1, 4 and 8 is printed as a ratio to it, measured in the same run, so the
numbers compare across machines. Each run is a fresh emulator, campaign and journal (SQLite,
``synchronous=FULL``: every step commits twice, before and after its request).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import anyio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.cases.campaigns import plan_and_journal, write_campaign
from tokportal import AsyncTokPortal, TokPortal
from tokportal.campaigns import AsyncCampaignRunner, CampaignRunner
from tokportal.testing import Emulator


def campaign(folder: Path) -> Path:
    start = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=5)
    return write_campaign(
        folder, countries=("US", "FR", "DE"), per_country=4, videos=3, start=start
    )


def one_run(latency: float, go: Callable[[Emulator, str, Path], int]) -> tuple[float, int]:
    with (
        tempfile.TemporaryDirectory() as folder,
        Emulator(rate_limit_per_minute=10_000_000, initial_credits=10**6) as emu,
    ):
        path = campaign(Path(folder))
        emu.faults.inject("latency", latency=latency)
        with emu.serve() as base_url:
            started = time.perf_counter()
            steps = go(emu, base_url, path)
            return time.perf_counter() - started, steps


def blocking(emu: Emulator, base_url: str, path: Path) -> int:
    plan, journal = plan_and_journal(path)
    with journal, TokPortal(api_key=emu.api_key, base_url=base_url, rate_limit=None) as client:
        summary = CampaignRunner(client, plan, journal).run()
    assert summary.ok, summary.errors
    return summary.steps.steps_total


def asynchronous(concurrency: int) -> Callable[[Emulator, str, Path], int]:
    def go(emu: Emulator, base_url: str, path: Path) -> int:
        async def main() -> int:
            plan, journal = plan_and_journal(path)
            async with AsyncTokPortal(
                api_key=emu.api_key, base_url=base_url, rate_limit=None
            ) as client:
                with journal:
                    runner = AsyncCampaignRunner(client, plan, journal, concurrency=concurrency)
                    summary = await runner.run()
            assert summary.ok, summary.errors
            return summary.steps.steps_total

        return anyio.run(main)

    return go


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.01)
    latency = parser.parse_args().latency
    baseline, steps = one_run(latency, blocking)
    print(f"campaign: 12 bundles x 3 videos, {steps} steps, {latency * 1000:g} ms per request")
    print(f"blocking CampaignRunner      1.00  (baseline, {baseline:.2f} s)")
    for concurrency in (1, 4, 8):
        elapsed, _ = one_run(latency, asynchronous(concurrency))
        print(f"async, concurrency {concurrency:<2}        {elapsed / baseline:.2f}")


if __name__ == "__main__":
    main()
