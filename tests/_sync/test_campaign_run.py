# Generated from tests/_async/test_campaign_run.py by scripts/generate_sync.py; do not edit.
"""The campaign runner against the in-process emulator: a whole run, the credit limits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
from tests.farend import deadline
from tokportal import TokPortal
from tokportal.campaigns import (
    CampaignError,
    CampaignRunner,
    CreditLimitError,
    StepState,
)
from tokportal.testing import Emulator

TIMEOUT = 30


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(seed=3) as emulator:
        yield emulator


@pytest.fixture
def client(emu: Emulator) -> Iterator[TokPortal]:
    with TokPortal(api_key=emu.api_key, transport=emu.transport, rate_limit=None) as c:
        yield c


def test_a_whole_run_does_every_step_and_charges_the_quote(
    tmp_path: Path, emu: Emulator, client: TokPortal
) -> None:
    # 2 countries x 2 bundles (two bulk groups), 2 videos each.
    path = write_campaign(tmp_path, countries=("US", "FR"), per_country=2, videos=2)
    plan, journal = plan_and_journal(path)
    events = Events()
    with deadline(TIMEOUT):
        with journal:
            runner = CampaignRunner(client, plan, journal, on_event=events)
            summary = runner.run()
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


def test_run_without_bulk_buys_each_bundle_alone(
    tmp_path: Path, emu: Emulator, client: TokPortal
) -> None:
    path = write_campaign(tmp_path, per_country=3, videos=1, bulk=False, concurrency=2)
    plan, journal = plan_and_journal(path)
    with deadline(TIMEOUT):
        with journal:
            summary = CampaignRunner(client, plan, journal).run()
            check_campaign_done(emu, plan, journal)
    assert summary.ok
    assert operations(emu)["createBundle"] == 2 * 3
    assert operations(emu)["createBundlesBulk"] == 0


@pytest.mark.parametrize("limit", ["balance", "max_credits_argument", "max_credits_in_file"])
def test_run_refuses_above_balance_or_max_credits_with_nothing_sent(
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
        with TokPortal(
            api_key=emu.api_key, transport=emu.transport, rate_limit=None, hooks=[wire]
        ) as c:
            runner = CampaignRunner(c, plan, journal)
            with deadline(TIMEOUT):
                with journal:
                    with pytest.raises(CreditLimitError) as caught:
                        runner.run(max_credits=argument)
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


def test_run_refuses_a_journal_with_progress(
    tmp_path: Path, emu: Emulator, client: TokPortal
) -> None:
    path = write_campaign(tmp_path, per_country=1, videos=1)
    plan, journal = plan_and_journal(path)
    with deadline(TIMEOUT):
        with journal:
            CampaignRunner(client, plan, journal).run()
            before = len(emu.requests)
            with pytest.raises(CampaignError, match="resume"):
                CampaignRunner(client, plan, journal).run()
            assert len(emu.requests) == before
            # Resuming a finished campaign sends nothing and reports it done.
            summary = CampaignRunner(client, plan, journal).resume()
    assert summary.ok
    assert all(r.method == "GET" for r in emu.requests[before:])


def test_a_step_failed_for_good_is_named_and_resume_finishes(
    tmp_path: Path, emu: Emulator, client: TokPortal
) -> None:
    path = write_campaign(tmp_path, per_country=3, videos=1)
    plan, journal = plan_and_journal(path)
    # The API refuses one bundle's profile (a 4xx: no retry, nothing changed).
    emu.faults.inject("status", operation_id="configureBundleAccount", status=422, count=1)
    with deadline(TIMEOUT):
        with journal:
            summary = CampaignRunner(client, plan, journal).run()
            failed = [r.step_id for r in journal.records() if r.state is StepState.FAILED]
            assert len(failed) == 1 and failed[0].startswith("account/")
            name = failed[0].split("/")[1]
            later = [journal.record(f"{kind}/{name}").state for kind in ("videos", "publish")]
            emu.faults.clear()
            resumed = CampaignRunner(client, plan, journal).resume()
            check_campaign_done(emu, plan, journal)
    assert not summary.ok
    assert len(summary.errors) == 1 and summary.errors[0].startswith(failed[0])
    assert "422" in summary.errors[0] or "INJECTED" in summary.errors[0].upper()
    assert summary.steps.counts[StepState.DONE] == len(plan.steps) - 1 - 3
    assert later == [StepState.PENDING, StepState.PENDING]  # its later steps waited
    assert resumed.ok and resumed.errors == ()
    assert resumed.credits_charged == 3 * bundle_cost(1)


def test_a_second_runner_on_the_same_journal_is_refused_with_nothing_sent(
    tmp_path: Path, emu: Emulator, client: TokPortal
) -> None:
    path = write_campaign(tmp_path, per_country=1, videos=1)
    plan, journal = plan_and_journal(path)
    with deadline(TIMEOUT):
        with journal:
            runner = CampaignRunner(client, plan, journal)
            with journal.hold():  # another runner is at work on this journal
                before = len(emu.requests)
                with pytest.raises(CampaignError, match="in use by pid"):
                    runner.run()
                with pytest.raises(CampaignError, match="in use by pid"):
                    runner.resume()
                assert len(emu.requests) == before
            summary = runner.run()  # the other one ended: this one goes
    assert summary.ok
