"""The runner when the API pushes back: capacity cooldowns, a partial video batch, faults."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cases.campaigns import (
    BreakOneSlot,
    Events,
    Wire,
    bundle_cost,
    check_campaign_done,
    operations,
    plan_and_journal,
    write_campaign,
)
from tests.farend import async_deadline
from tokportal import AsyncTokPortal, _primitives
from tokportal.campaigns import AsyncCampaignRunner, StepState
from tokportal.errors import RateLimitError
from tokportal.testing import Emulator

pytestmark = pytest.mark.anyio  # async-only

TIMEOUT = 30
# The emulator's capacity window runs on real time; the runner's waits are cut to this.
WINDOW = 0.5
WAIT = 0.15
# The client's retry waits cost no time here, so the per-key rate limit is lifted: these
# tests are about faults and cut-offs, not pacing.
UNLIMITED = 1_000_000


async def no_wait(seconds: float) -> None:
    """The client's retry wait: costs no time."""


class ShortSleeps:
    """The runner's ``sleep``: records what it was asked to wait, waits ``WAIT`` for real
    (the emulator's ``Retry-After`` is whole seconds; its window is ``WINDOW``)."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        await _primitives.async_sleep(WAIT)


async def test_capacity_cooldown_waits_and_resends_each_batch_whole(tmp_path: Path) -> None:
    # Two bulk groups of 2 and 4 publications against 2 operations per WINDOW.
    path = write_campaign(tmp_path, countries=("US", "FR"), per_country=2, videos=1)
    plan, journal = plan_and_journal(path)
    sleeps, events, wire = ShortSleeps(), Events(), Wire()
    with Emulator(seed=11) as emu:
        emu.set_capacity(2, WINDOW)
        async with async_deadline(TIMEOUT):
            with journal:
                async with AsyncTokPortal(
                    api_key=emu.api_key, transport=emu.transport, rate_limit=None, hooks=[wire]
                ) as client:
                    runner = AsyncCampaignRunner(
                        client, plan, journal, on_event=events, sleep=sleeps
                    )
                    summary = await runner.run()
                check_campaign_done(emu, plan, journal)
                bulk_bodies = [journal.record(step.id).request for step in plan.paid_steps()]
                logged = [e.message for e in journal.events() if "capacity" in e.message]
        debits = [t.description for t in emu.workspace.transactions]
    assert summary.ok
    assert sleeps.asked and all(s >= 1 for s in sleeps.asked)  # the API's Retry-After
    assert summary.waited_for_capacity == sum(sleeps.asked)
    waiting = [e for e in events.events if e.state == "waiting"]
    assert len(waiting) == len(logged) == len(sleeps.asked)  # shown, and kept in the journal
    # Refused whole, resent whole: every bulk request asked for its whole group of 2.
    purchases = wire.of("createBundlesBulk", dry_run=False)
    assert [a.status_code for a in purchases].count(200) == 2
    assert 429 in [a.status_code for a in wire.attempts]
    assert operations(emu)["createBundle"] == 0  # 0 split batches
    assert [body["body"]["accounts_count"] for body in bulk_bodies if body] == [2, 2]
    assert sorted(debits) == ["Bulk bundles (2)", "Bulk bundles (2)"]


async def test_a_partial_video_batch_resends_only_the_failed_positions(tmp_path: Path) -> None:
    path = write_campaign(tmp_path, per_country=1, videos=3, bulk=False)
    plan, journal = plan_and_journal(path)
    with Emulator(seed=12) as emu:
        transport = BreakOneSlot(emu, position=2)
        async with async_deadline(TIMEOUT):
            with journal:
                async with AsyncTokPortal(
                    api_key=emu.api_key, transport=transport, rate_limit=None
                ) as client:
                    summary = await AsyncCampaignRunner(client, plan, journal).run()
                check_campaign_done(emu, plan, journal)
                record = journal.record("videos/us-1")
                events = [e.message for e in journal.events("videos/us-1")]
        slots = next(iter(emu.workspace.bundles.values())).videos
    assert summary.ok
    assert [[item["position"] for item in batch] for batch in transport.batches] == [
        [1, 2, 3],
        [2],
    ]
    assert record.attempts == 2
    assert record.result == {"configured": [1, 2, 3]}
    assert any("[2]" in message for message in events)
    # The resent slot has the campaign's date, not the refused one.
    wanted = plan.campaign.bundles[0].videos[1].date
    assert slots[1].config["target_publish_date"] == str(wanted)


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "single"])
async def test_faults_still_buy_exactly_the_campaign(tmp_path: Path, bulk: bool) -> None:
    """30 % of answers lost after the effect, 10 % answered 503: exactly the right bundles,
    slots and credits (the client retries with the step's key; the runner on top)."""
    path = write_campaign(tmp_path, countries=("US", "FR"), per_country=2, videos=2, bulk=bulk)
    plan, journal = plan_and_journal(path)
    with Emulator(seed=13, rate_limit_per_minute=UNLIMITED) as emu:
        emu.faults.inject("reset_after", rate=0.3)
        emu.faults.inject("status", status=503, rate=0.1)
        async with async_deadline(TIMEOUT):
            with journal:
                async with AsyncTokPortal(
                    api_key=emu.api_key,
                    transport=emu.transport,
                    rate_limit=None,
                    max_retries=8,
                    sleep=no_wait,
                ) as client:
                    summary = await AsyncCampaignRunner(client, plan, journal).run()
                done = check_campaign_done(emu, plan, journal)
        lost = sum(1 for r in emu.requests if r.status is None)
    assert summary.ok
    assert done == {"bundles": 4, "videos": 8, "spent": 4 * bundle_cost(2)}
    assert lost > 5  # the faults did strike


async def test_cancelled_anywhere_and_resumed_buys_exactly_the_campaign(  # async-only
    tmp_path: Path,
) -> None:
    """A run cut off at random moments (a cancelled task stops at any await, as a killed
    process stops anywhere), resumed each time, half the time with the ledger forgotten,
    under faults: exactly the campaign's bundles, slots and credits in the end."""
    import random

    import anyio

    path = write_campaign(tmp_path, countries=("US", "FR"), per_country=3, videos=2)
    plan, journal = plan_and_journal(path)
    chance = random.Random(2026)
    cut = 0
    with Emulator(seed=14, rate_limit_per_minute=UNLIMITED) as emu:
        emu.faults.inject("reset_after", rate=0.3)
        emu.faults.inject("status", status=503, rate=0.1)
        async with async_deadline(TIMEOUT):
            with journal:
                async with AsyncTokPortal(
                    api_key=emu.api_key,
                    transport=emu.transport,
                    rate_limit=None,
                    max_retries=8,
                    sleep=no_wait,
                ) as client:
                    summary = None
                    for attempt in range(12):
                        runner = AsyncCampaignRunner(client, plan, journal)
                        with anyio.move_on_after(chance.uniform(0.005, 0.06)) as scope:
                            if attempt == 0:
                                summary = await runner.run()
                            else:
                                summary = await runner.resume()
                        if not scope.cancelled_caught:
                            break
                        cut += 1
                        summary = None
                        if chance.random() < 0.5:
                            emu.forget_idempotency_keys()
                    if summary is None:
                        summary = await AsyncCampaignRunner(client, plan, journal).resume()
                done = check_campaign_done(emu, plan, journal)
    assert cut >= 3  # it was cut off, more than once
    assert summary.ok
    assert done == {"bundles": 6, "videos": 12, "spent": 6 * bundle_cost(2)}


async def test_capacity_waits_exhausted_stop_the_run_with_nothing_bought(tmp_path: Path) -> None:
    path = write_campaign(tmp_path, per_country=2, videos=1)
    plan, journal = plan_and_journal(path)
    sleeps = ShortSleeps()
    with Emulator(seed=15) as emu:
        async with async_deadline(TIMEOUT):
            with journal:
                async with AsyncTokPortal(
                    api_key=emu.api_key, transport=emu.transport, rate_limit=None
                ) as client:
                    runner = AsyncCampaignRunner(
                        client, plan, journal, sleep=sleeps, max_capacity_waits=2
                    )
                    await runner.quote()
                    # A batch of 2 never fits a window of 1: refused whole, every time.
                    emu.set_capacity(1, 60)
                    with pytest.raises(RateLimitError) as caught:
                        await runner.run()
                state = journal.record(plan.paid_steps()[0].id).state
        assert emu.workspace.bundles == {}
        assert emu.workspace.credits == 1000
    assert caught.value.is_capacity_cooldown
    assert len(sleeps.asked) == 2
    assert state is StepState.FAILED
    assert operations(emu)["createBundle"] == 0  # never split into single creations
