"""The campaign runner against the in-process emulator: a whole run, the credit limits."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cases.campaigns import (
    Events,
    Wire,
    bundle_cost,
    check_campaign_done,
    operations,
    plan_and_journal,
    write_campaign,
)
from tests.farend import async_deadline
from tokportal import AsyncTokPortal
from tokportal.campaigns import (
    AsyncCampaignRunner,
    CampaignError,
    CampaignEvent,
    CreditLimitError,
    StepState,
)
from tokportal.testing import Emulator

pytestmark = pytest.mark.anyio  # async-only

TIMEOUT = 30


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(seed=3) as emulator:
        yield emulator


@pytest.fixture
async def client(emu: Emulator) -> AsyncIterator[AsyncTokPortal]:
    async with AsyncTokPortal(api_key=emu.api_key, transport=emu.transport, rate_limit=None) as c:
        yield c


async def test_a_whole_run_does_every_step_and_charges_the_quote(
    tmp_path: Path, emu: Emulator, client: AsyncTokPortal
) -> None:
    # 2 countries x 2 bundles (two bulk groups), 2 videos each.
    path = write_campaign(tmp_path, countries=("US", "FR"), per_country=2, videos=2)
    plan, journal = plan_and_journal(path)
    events = Events()
    async with async_deadline(TIMEOUT):
        with journal:
            runner = AsyncCampaignRunner(client, plan, journal, on_event=events)
            summary = await runner.run()
            done = check_campaign_done(emu, plan, journal)
            records = {r.step_id: r for r in journal.records()}
    assert done == {"bundles": 4, "videos": 8, "spent": 4 * bundle_cost(2)}
    assert summary.ok and summary.errors == ()
    assert summary.quote is not None
    assert summary.credits_charged == summary.quote.total == 4 * bundle_cost(2)
    assert summary.waited_for_capacity == 0
    ops = operations(emu)
    # Bought in bulk, one call per country group; never one by one.
    assert ops["createBundlesBulk"] == 2 * 2  # a dry run and a purchase per group
    assert ops["createBundle"] == 0
    assert ops["uploadImageDirect"] == 4 and ops["uploadVideoDirect"] == 8
    assert ops["configureBundleAccount"] == 4
    assert ops["batchConfigureBundleVideos"] == 4  # one batch per bundle
    assert ops["publishBundle"] == 4
    # Every keyed step went out with its deterministic key, kept in the journal.
    for step in plan.steps:
        record = records[step.id]
        assert record.attempts == 1
        assert (record.idempotency_key is not None) == step.keyed
        if step.keyed:
            assert record.idempotency_key.startswith("tpc1-")  # type: ignore[union-attr]
    # Progress: every upload reported its bytes, ending at its size.
    uploads = [e for e in events.events if e.step_id.startswith("upload/") and e.sent is not None]
    assert uploads and all(e.total for e in uploads)
    last = {e.step_id: e for e in uploads}
    assert len(last) == 8 and all(e.sent == e.total for e in last.values())
    assert events.states("publish/us-1")[-1] == StepState.DONE.value


async def test_run_without_bulk_buys_each_bundle_alone(
    tmp_path: Path, emu: Emulator, client: AsyncTokPortal
) -> None:
    path = write_campaign(tmp_path, per_country=3, videos=1, bulk=False, concurrency=2)
    plan, journal = plan_and_journal(path)
    async with async_deadline(TIMEOUT):
        with journal:
            summary = await AsyncCampaignRunner(client, plan, journal).run()
            check_campaign_done(emu, plan, journal)
    assert summary.ok
    assert operations(emu)["createBundle"] == 2 * 3
    assert operations(emu)["createBundlesBulk"] == 0


@pytest.mark.parametrize("limit", ["balance", "max_credits_argument", "max_credits_in_file"])
async def test_run_refuses_above_balance_or_max_credits_with_nothing_sent(
    tmp_path: Path, limit: str
) -> None:
    cost = 3 * bundle_cost(2)
    in_file = cost - 1 if limit == "max_credits_in_file" else None
    path = write_campaign(tmp_path, per_country=3, max_credits=in_file)
    plan, journal = plan_and_journal(path)
    credits = cost - 1 if limit == "balance" else 1000
    argument = cost - 1 if limit == "max_credits_argument" else None
    with Emulator(seed=1, initial_credits=credits) as emu:
        wire = Wire()
        async with AsyncTokPortal(
            api_key=emu.api_key, transport=emu.transport, rate_limit=None, hooks=[wire]
        ) as c:
            runner = AsyncCampaignRunner(c, plan, journal)
            async with async_deadline(TIMEOUT):
                with journal:
                    with pytest.raises(CreditLimitError) as caught:
                        await runner.run(max_credits=argument)
                    states = {r.state for r in journal.records()}
        assert emu.workspace.credits == credits
        assert emu.workspace.bundles == {}
    assert caught.value.quote is not None and caught.value.quote.total == cost
    assert str(cost) in str(caught.value)
    assert states == {StepState.PENDING}
    # Only reads and dry runs went out: a dry run per bulk group, the balance.
    assert wire.writes() == []
    assert [a.operation_id for a in wire.attempts] == ["createBundlesBulk", "getCreditBalance"]
    assert wire.attempts[0].dry_run


async def test_run_refuses_a_journal_with_progress(
    tmp_path: Path, emu: Emulator, client: AsyncTokPortal
) -> None:
    path = write_campaign(tmp_path, per_country=1, videos=1)
    plan, journal = plan_and_journal(path)
    async with async_deadline(TIMEOUT):
        with journal:
            await AsyncCampaignRunner(client, plan, journal).run()
            before = len(emu.requests)
            with pytest.raises(CampaignError, match="resume"):
                await AsyncCampaignRunner(client, plan, journal).run()
            assert len(emu.requests) == before
            # Resuming a finished campaign sends nothing and reports it done.
            summary = await AsyncCampaignRunner(client, plan, journal).resume()
    assert summary.ok
    assert all(r.method == "GET" for r in emu.requests[before:])


async def test_a_step_failed_for_good_is_named_and_resume_finishes(
    tmp_path: Path, emu: Emulator, client: AsyncTokPortal
) -> None:
    path = write_campaign(tmp_path, per_country=3, videos=1)
    plan, journal = plan_and_journal(path)
    # The API refuses one bundle's profile (a 4xx: no retry, nothing changed).
    emu.faults.inject("status", operation_id="configureBundleAccount", status=422, count=1)
    async with async_deadline(TIMEOUT):
        with journal:
            summary = await AsyncCampaignRunner(client, plan, journal).run()
            failed = [r.step_id for r in journal.records() if r.state is StepState.FAILED]
            assert len(failed) == 1 and failed[0].startswith("account/")
            name = failed[0].split("/")[1]
            later = [journal.record(f"{kind}/{name}").state for kind in ("videos", "publish")]
            emu.faults.clear()
            resumed = await AsyncCampaignRunner(client, plan, journal).resume()
            check_campaign_done(emu, plan, journal)
    assert not summary.ok
    assert len(summary.errors) == 1 and summary.errors[0].startswith(failed[0])
    assert "422" in summary.errors[0] or "INJECTED" in summary.errors[0].upper()
    assert summary.steps.counts[StepState.DONE] == len(plan.steps) - 1 - 3
    assert later == [StepState.PENDING, StepState.PENDING]  # its later steps waited
    assert resumed.ok and resumed.errors == ()
    assert resumed.credits_charged == 3 * bundle_cost(1)


async def test_bundles_are_worked_on_concurrently_up_to_the_limit(  # async-only
    tmp_path: Path, emu: Emulator, client: AsyncTokPortal
) -> None:
    path = write_campaign(tmp_path, per_country=5, videos=1, bulk=False)
    plan, journal = plan_and_journal(path)
    in_flight: set[str] = set()
    most = 0

    def on_event(event: CampaignEvent) -> None:
        nonlocal most
        if event.state is StepState.SENDING and event.sent is None:
            in_flight.add(event.step_id)
        elif event.state in (StepState.DONE, StepState.FAILED):
            in_flight.discard(event.step_id)
        most = max(most, len(in_flight))

    async with async_deadline(TIMEOUT):
        with journal:
            summary = await AsyncCampaignRunner(
                client, plan, journal, concurrency=2, on_event=on_event
            ).run()
    assert summary.ok
    assert most == 2


async def test_journal_writes_leave_the_event_loop_free(  # async-only
    tmp_path: Path, emu: Emulator, client: AsyncTokPortal
) -> None:
    """Every journal commit (fsynced) runs in a worker thread, never on the loop's."""
    import threading

    path = write_campaign(tmp_path, per_country=2, videos=1)
    plan, journal = plan_and_journal(path)
    threads: list[int] = []
    for name in ("begin", "finish", "save_quote", "record_plan"):
        method = getattr(journal, name)

        def recording(*args: object, _method: Any = method, **kwargs: object) -> Any:
            threads.append(threading.get_ident())
            return _method(*args, **kwargs)

        setattr(journal, name, recording)
    async with async_deadline(TIMEOUT):
        with journal:
            summary = await AsyncCampaignRunner(client, plan, journal).run()
    assert summary.ok
    assert len(threads) > 2 * len(plan.steps)
    assert threading.get_ident() not in threads


async def test_a_second_runner_on_the_same_journal_is_refused_with_nothing_sent(
    tmp_path: Path, emu: Emulator, client: AsyncTokPortal
) -> None:
    path = write_campaign(tmp_path, per_country=1, videos=1)
    plan, journal = plan_and_journal(path)
    async with async_deadline(TIMEOUT):
        with journal:
            runner = AsyncCampaignRunner(client, plan, journal)
            with journal.hold():  # another runner is at work on this journal
                before = len(emu.requests)
                with pytest.raises(CampaignError, match="in use by pid"):
                    await runner.run()
                with pytest.raises(CampaignError, match="in use by pid"):
                    await runner.resume()
                assert len(emu.requests) == before
            summary = await runner.run()  # the other one ended: this one goes
    assert summary.ok
