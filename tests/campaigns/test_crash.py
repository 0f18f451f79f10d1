"""The crash test (issue 13): ``tokportal campaign run`` as a child process, killed with SIGKILL
at ten points (the first while the paid batches are in flight, the others at random) and
resumed each time, against the emulator over loopback with 30 % of answers dropped after the
effect and 10 % answered 503; then the same with the emulator's idempotency ledger forgotten
between each crash and resume; then a capacity cooldown.

What the emulator holds at the end is the judge: exactly the bundles the file names, each
video slot configured once, each bundle published, credits charged equal to the quote the
journal saved. The harness is ``crash.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tokportal.campaigns import Journal, StepState
from tokportal.testing import Emulator

from .crash import (
    CONFIGURED_OR_LATER,
    PUBLISHED_OR_LATER,
    Runs,
    bundles_by_country,
    holdings,
    run_with_kills,
    wait_exit,
    write_campaign,
)

CREDITS = 1_000_000
KILLS = 10


def emulator(seed: int) -> Emulator:
    # Eleven processes and a few hundred requests each: the per-key limit must not be the test.
    return Emulator(
        seed=seed, initial_credits=CREDITS, rate_limit_per_minute=60_000, rate_limit_burst=10_000
    )


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with emulator(13) as emu:
        yield emu


def _faulty(emu: Emulator) -> None:
    emu.faults.inject("reset_after", rate=0.3)  # the effect happens, the answer is lost
    emu.faults.inject("status", status=503, rate=0.1)


def _bulk_steps(journal: Path, state: str) -> int:
    if not journal.exists():
        return 0
    conn = sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=2.0)
    try:
        (count,) = conn.execute(
            "select count(*) from steps where kind = 'bulk' and state = ?", (state,)
        ).fetchone()
    except sqlite3.Error:  # not created yet, or busy for longer than the timeout
        return 0
    finally:
        conn.close()
    return int(count)


def _bulk_steps_done(journal: Path) -> int:
    return _bulk_steps(journal, "done")


def _bulk_steps_sending(journal: Path) -> int:
    return _bulk_steps(journal, "sending")


def _expected_video_refs(campaign_id: str, names: list[str], videos: int) -> set[str]:
    return {f"{campaign_id}/{name}/v{i}" for name in names for i in range(1, videos + 1)}


@pytest.mark.parametrize(
    ("forget_keys", "seed"),
    [(False, 13), (True, 29)],  # the seed: the emulator's ids and its drawn faults
    ids=["ledger-kept", "ledger-forgotten"],
)
def test_sigkill_ten_times_and_resume_buys_each_bundle_once(
    tmp_path: Path, forget_keys: bool, seed: int
) -> None:
    with emulator(seed) as emu:
        _crash_and_resume(emu, tmp_path, forget_keys=forget_keys, seed=seed)


def _crash_and_resume(emu: Emulator, tmp_path: Path, *, forget_keys: bool, seed: int) -> None:
    campaign_id = "crash-forget" if forget_keys else "crash"
    specs = bundles_by_country(["US", "GB", "DE"], per_country=4, videos=3)
    file = write_campaign(
        tmp_path,
        campaign_id,
        specs,
        first_date=emu.now.date() + dt.timedelta(days=5),
        seed=seed,
    )
    journal = tmp_path / "campaign.journal.sqlite"
    forgotten: list[int] = []
    # At the first kill: bundles the emulator had bought, and bulk steps the journal had done.
    first_crash: list[tuple[int, int]] = []

    def between() -> None:
        assert emu.wait_idle(10)  # what the killed child had in flight has landed
        if not first_crash:
            first_crash.append((len(emu.workspace.bundles), _bulk_steps_done(journal)))
            emu.faults.clear()
            _faulty(emu)
        if forget_keys:
            forgotten.append(emu.forget_idempotency_keys())

    def every_batch_in_flight() -> bool:
        return _bulk_steps_sending(journal) == 3

    # The first kill lands at the costliest moment: the three paid batches journalled as
    # sending, each that reached the emulator held 0.5 s and bought after the child is gone (no
    # fault drawn for them: the network faults start after this kill).
    emu.faults.inject("latency", operation_id="createBundlesBulk", latency=0.5)
    with emu.serve() as base_url:
        runs = Runs(file, journal, base_url, emu.api_key)
        landed = run_with_kills(
            runs,
            kills=KILLS,
            seed=101 if forget_keys else 100,
            between=between,
            first_kill=every_batch_in_flight,
        )
        assert emu.wait_idle(10)
        found = holdings(emu, CREDITS)

    assert landed == KILLS
    # The first crash left a batch bought (or more: the kill may come before the others leave
    # the child) and none done in the journal: resume had to find what was paid for.
    bought, recorded = first_crash[0]
    assert bought >= 4 and recorded == 0, first_crash
    # Some kill left a step between its committed begin and its finish: resume reconciled it.
    assert any(entry.get("states", {}).get("sending", 0) for entry in runs.log), runs.log
    if forget_keys:
        assert sum(forgotten) > 0  # the ledger really held keys that resume could not use

    # Exactly the twelve bundles, one per name: none bought twice by a resend.
    assert len(found.bundles) == 12, [b["external_ref"] for b in found.bundles]
    refs = [b["external_ref"] for b in found.bundles]
    assert len(set(refs)) == 12 and all(r.startswith(f"{campaign_id}/") for r in refs)
    assert {b["status"] for b in found.bundles} <= PUBLISHED_OR_LATER
    # Every slot configured with the file's caption and its own external_ref.
    slots = [v for videos in found.videos.values() for v in videos]
    assert len(slots) == 36
    assert all(v["status"] in CONFIGURED_OR_LATER for v in slots)
    assert {v["external_ref"] for v in slots} == _expected_video_refs(
        campaign_id, [s.name for s in specs], 3
    )
    assert all(v["description"].startswith("Clip ") for v in slots)

    with Journal.open_existing(journal) as book:
        quote = book.quote()
        status = book.status()
        records = book.records()
    assert quote is not None and quote.total > 0
    assert found.credits_spent == quote.total  # not a credit more than quoted
    # One checkout per bulk group, each of four bundles: nothing bought twice, nothing split.
    assert [(d["reference_type"], d["description"]) for d in found.debits] == [
        ("bundle_bulk", "Bulk bundles (4)")
    ] * 3
    assert status.charged_credits == quote.total
    assert status.done and status.steps_total == len(records)
    assert all(r.state is StepState.DONE for r in records)
    assert {r.kind for r in records} >= {"bulk", "picture", "upload", "account", "videos"}

    last_out, _ = runs.output()
    summary = json.loads(last_out)
    assert summary["ok"] is True and summary["counts"]["failed"] == 0


def test_capacity_cooldown_pauses_and_completes_without_splitting_a_batch(
    emu: Emulator, tmp_path: Path
) -> None:
    specs = bundles_by_country(["US", "GB"], per_country=3, videos=1)
    file = write_campaign(tmp_path, "cap", specs, first_date=emu.now.date() + dt.timedelta(days=5))
    journal = tmp_path / "cap.journal.sqlite"
    # Three bundle operations per second: the second batch of three must wait for the first.
    emu.set_capacity(3, 1.0)
    with emu.serve() as base_url:
        with Runs(file, journal, base_url, emu.api_key) as runs:
            code = wait_exit(runs.start("run"), 90)
        found = holdings(emu, CREDITS)
    out, err = runs.output()
    assert code == 0, err + out
    summary = json.loads(out)
    assert summary["ok"] is True
    assert summary["capacity_waits"] >= 1 and summary["waited_for_capacity_seconds"] > 0

    bulk = [r.status for r in emu.requests if r.operation_id == "createBundlesBulk"]
    # Paused: a whole batch refused for capacity, then resent whole.
    assert bulk.count(429) >= 1, bulk
    # Never split: one checkout of three per group (the dry runs of the quote charge
    # nothing), and no single creation in its place.
    assert [(d["reference_type"], d["description"]) for d in found.debits] == [
        ("bundle_bulk", "Bulk bundles (3)")
    ] * 2
    assert not [r for r in emu.requests if r.operation_id == "createBundle"]
    assert len(found.bundles) == 6
    assert {b["status"] for b in found.bundles} <= PUBLISHED_OR_LATER
    by_group: dict[str, list[str]] = {}
    for ref in (b["external_ref"] for b in found.bundles):
        group, _, n = ref.rpartition("-")
        by_group.setdefault(group, []).append(n)
    assert sorted(sorted(v) for v in by_group.values()) == [["1", "2", "3"], ["1", "2", "3"]]
    with Journal.open_existing(journal) as book:
        quote = book.quote()
    assert quote is not None and found.credits_spent == quote.total
