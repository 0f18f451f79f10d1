"""What the campaign journal costs per step, against what it guards: a request.

    python benchmarks/campaign_journal.py [--steps 300] [--rounds 5]

Each round times, on the same machine and in alternating order:

- ``journal``: ``begin`` + ``finish`` of every step of a plan (two durable commits per
  step: WAL, ``synchronous=FULL``), in a fresh journal in a temporary directory;
- ``no-fsync``: the same with ``PRAGMA synchronous=OFF`` (what durability adds);
- ``request``: one in-process emulator request per step (``GET /me`` through httpx, the
  cheapest request a run makes; a real one crosses the network and costs far more).

Medians per step and the ratios journal/request and journal/no-fsync are printed. It also
prints how long ``load_campaign`` + ``build_plan`` take for a file of 100 bundles x 3 videos
(every body checked), against parsing the same TOML alone.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.campaigns._support import DATA, TODAY, bundle_toml, campaign_toml  # noqa: E402
from tokportal.campaigns import Journal, build_plan, load_campaign  # noqa: E402
from tokportal.testing import Emulator  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def campaign_file(directory: Path, bundles: int, videos: int) -> Path:
    shutil.copytree(DATA / "media", directory / "media", dirs_exist_ok=True)
    path = directory / "bench.toml"
    text = campaign_toml(
        *(
            bundle_toml(f"b-{i}", country=("US", "FR", "UK")[i % 3], videos=videos)
            for i in range(bundles)
        )
    )
    path.write_text(text, encoding="utf-8")
    return path


def time_journal(path: Path, steps: int, durable: bool) -> float:
    campaign = load_campaign(path, today=TODAY)
    plan = build_plan(campaign)
    step_ids = [step.id for step in plan.steps][:steps]
    with (
        tempfile.TemporaryDirectory() as tmp,
        Journal.open(Path(tmp) / "j.sqlite", campaign) as journal,
    ):
        if not durable:
            journal._connection.execute("PRAGMA synchronous=OFF")
        journal.record_plan(plan)
        start = time.perf_counter()
        for step_id in step_ids:
            journal.begin(step_id, request={"step": step_id}, idempotency_key=step_id)
            journal.finish(step_id, result={"ok": True})
        return (time.perf_counter() - start) / len(step_ids)


def time_requests(steps: int) -> float:
    emulator = Emulator(seed=0, rate_limit_per_minute=10**9)
    with httpx.Client(
        transport=emulator.transport,
        base_url="https://app.tokportal.com/api/ext",
        headers={"X-API-Key": emulator.api_key},
    ) as client:
        start = time.perf_counter()
        for _ in range(steps):
            client.get("/me").raise_for_status()
        return (time.perf_counter() - start) / steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = campaign_file(Path(tmp), bundles=100, videos=3)
        journal, no_fsync, requests = [], [], []
        for round_ in range(args.rounds):
            order = [0, 1, 2] if round_ % 2 == 0 else [2, 1, 0]
            for which in order:
                if which == 0:
                    journal.append(time_journal(path, args.steps, durable=True))
                elif which == 1:
                    no_fsync.append(time_journal(path, args.steps, durable=False))
                else:
                    requests.append(time_requests(args.steps))
        j, n, r = (statistics.median(x) for x in (journal, no_fsync, requests))
        print(
            f"per step: journal {j * 1e3:.3f} ms, no-fsync {n * 1e3:.3f} ms, in-process request {r * 1e3:.3f} ms"
        )
        print(f"ratio journal/request: {j / r:.2f}   journal/no-fsync: {j / n:.2f}")

        loads, parses = [], []
        for _ in range(args.rounds):
            start = time.perf_counter()
            build_plan(load_campaign(path, today=TODAY))
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            tomllib.loads(path.read_text(encoding="utf-8"))
            parses.append(time.perf_counter() - start)
        lo, pa = statistics.median(loads), statistics.median(parses)
        print(
            f"100 bundles x 3 videos: load+plan {lo * 1e3:.1f} ms, TOML alone {pa * 1e3:.1f} ms,"
            f" ratio {lo / pa:.1f}"
        )


if __name__ == "__main__":
    main()
