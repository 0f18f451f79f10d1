# Generated from tests/_async/test_campaign_resume.py by scripts/generate_sync.py; do not edit.
"""Resume and reconciliation: look before paying again (in-process emulator)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cases.campaigns import (
    Wire,
    bundle_cost,
    check_campaign_done,
    plan_and_journal,
    write_campaign,
)
from tests.farend import deadline
from tokportal import TokPortal
from tokportal.campaigns import (
    CampaignRunner,
    CreditLimitError,
    StepState,
    idempotency_key,
)
from tokportal.errors import APIConnectionError
from tokportal.testing import Emulator

TIMEOUT = 30


def no_wait(seconds: float) -> None:
    """The client's retry wait: costs no time."""


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(seed=5) as emulator:
        yield emulator


def client_for(emu: Emulator, wire: Wire | None = None, retries: int = 1) -> TokPortal:
    return TokPortal(
        api_key=emu.api_key,
        transport=emu.transport,
        rate_limit=None,
        max_retries=retries,
        sleep=no_wait,
        hooks=[wire] if wire is not None else [],
    )


@pytest.mark.parametrize("bulk", [False, True], ids=["create", "bulk"])
def test_resume_adopts_a_creation_whose_answer_was_lost_and_the_ledger_forgot(
    tmp_path: Path, emu: Emulator, bulk: bool
) -> None:
    operation = "createBundlesBulk" if bulk else "createBundle"
    path = write_campaign(tmp_path, per_country=3, videos=1, bulk=bulk)
    plan, journal = plan_and_journal(path)
    paid = [step.id for step in plan.paid_steps()]
    with deadline(TIMEOUT):
        with journal:
            with client_for(emu) as client:
                runner = CampaignRunner(client, plan, journal)
                runner.quote()
                # Every purchase runs, then its connection drops before the answer: the run
                # stops with the creations left "sending" (whether they ran is unknown to it).
                emu.faults.inject("reset_after", operation_id=operation)
                with pytest.raises(APIConnectionError):
                    runner.run()
            # Concurrent creations all went out; one by one (the blocking twin), the first.
            states = {s: journal.record(s).state for s in paid}
            sending = [s for s, state in states.items() if state is StepState.SENDING]
            assert sending and set(states.values()) <= {StepState.SENDING, StepState.PENDING}
            bought = len(emu.workspace.bundles)
            assert bought == (3 if bulk else len(sending))
            assert 1000 - emu.workspace.credits == bought * bundle_cost(1)

            # The ledger's retention passed: the same key would buy again. Resume looks first.
            emu.faults.clear()
            assert emu.forget_idempotency_keys() > 0
            wire = Wire()
            with client_for(emu, wire) as client:
                summary = CampaignRunner(client, plan, journal).resume()
            check_campaign_done(emu, plan, journal)
            adopted = {s: journal.record(s).adopted for s in paid}
    assert summary.ok
    assert {s: adopted[s] for s in sending} == dict.fromkeys(sending, True)
    # Only the creations never sent went out: nothing was bought again.
    assert len(wire.of(operation, dry_run=False)) == len(paid) - len(sending)
    assert 1000 - emu.workspace.credits == 3 * bundle_cost(1) == summary.credits_charged
    assert len(emu.workspace.bundles) == 3


def test_a_fresh_journal_adopts_existing_bundles_on_duplicate_account_bundle(
    tmp_path: Path, emu: Emulator
) -> None:
    """The journal was lost: the same campaign run again buys nothing twice."""
    path = write_campaign(tmp_path, per_country=2, videos=1, bulk=False)
    plan, journal = plan_and_journal(path)
    with deadline(TIMEOUT):
        with client_for(emu) as client:
            with journal:
                CampaignRunner(client, plan, journal).run()
            first = {b.external_ref: b.id for b in emu.workspace.bundles.values()}
            spent = 1000 - emu.workspace.credits
            # Long after: the ledger forgot the keys (else it would answer them itself).
            emu.forget_idempotency_keys()
            wire = Wire()
            plan, journal = plan_and_journal(path, tmp_path / "another.journal.sqlite")
            with client_for(emu, wire) as again:
                with journal:
                    summary = CampaignRunner(again, plan, journal).run()
                    records = {r.step_id: r for r in journal.records()}
    assert summary.ok and summary.credits_charged == 0
    assert summary.quote is not None and summary.quote.total == 0
    assert 1000 - emu.workspace.credits == spent
    assert {b.external_ref: b.id for b in emu.workspace.bundles.values()} == first
    for name in ("us-1", "us-2"):
        record = records[f"create/{name}"]
        assert record.adopted
        assert record.result is not None
        assert record.result["bundle_id"] == first[f"spring/{name}"]
    # Each creation was refused (409 DUPLICATE_ACCOUNT_BUNDLE), then read back.
    refused = wire.of("createBundle", dry_run=False)
    assert [a.status_code for a in refused] == [409, 409]
    assert len(wire.of("getBundle")) >= 2


def test_pricing_changed_quotes_again_and_buys_once_with_a_new_key(
    tmp_path: Path, emu: Emulator
) -> None:
    path = write_campaign(tmp_path, per_country=1, videos=2, bulk=False)
    plan, journal = plan_and_journal(path)
    step = plan.step("create/us-1")
    wire = Wire()
    with deadline(TIMEOUT):
        with journal:
            with client_for(emu, wire) as client:
                runner = CampaignRunner(client, plan, journal)
                first_quote = runner.quote()
                # The price moves between the quote and the checkout.
                emu.change_prices(account_creation=40, refuse_next=1)
                summary = runner.run()
            check_campaign_done(emu, plan, journal)
            record = journal.record(step.id)
    assert first_quote.total == bundle_cost(2)
    assert summary.quote is not None and summary.quote.total == 40 + 2 * 2
    assert summary.credits_charged == 1000 - emu.workspace.credits == 44
    assert len(emu.workspace.transactions) == 1  # one charge
    assert record.key_generation == 1
    purchases = wire.of("createBundle", dry_run=False)
    assert [a.status_code for a in purchases] == [409, 200]
    request = step.request({})
    old, new = (
        idempotency_key("spring", step.id, request, 0),
        idempotency_key("spring", step.id, request, 1),
    )
    assert [a.idempotency_key for a in purchases] == [old, new]
    assert record.idempotency_key == new
    # Re-quoted with a dry run between the refusal and the new key.
    kinds = [(a.operation_id, a.dry_run) for a in wire.attempts if a.operation_id == "createBundle"]
    assert kinds == [("createBundle", True), ("createBundle", False)] * 2


def test_pricing_changed_above_max_credits_stops_before_buying(
    tmp_path: Path, emu: Emulator
) -> None:
    path = write_campaign(tmp_path, per_country=1, videos=1, bulk=False)
    plan, journal = plan_and_journal(path)
    with deadline(TIMEOUT):
        with journal:
            with client_for(emu) as client:
                runner = CampaignRunner(client, plan, journal)
                runner.quote()
                emu.change_prices(account_creation=50, refuse_next=1)
                with pytest.raises(CreditLimitError, match="max_credits"):
                    runner.run(max_credits=bundle_cost(1))
            state = journal.record("create/us-1").state
    assert emu.workspace.bundles == {}
    assert emu.workspace.credits == 1000
    assert state is StepState.FAILED


def test_resume_of_a_video_batch_resends_only_the_slots_not_configured(
    tmp_path: Path, emu: Emulator
) -> None:
    path = write_campaign(tmp_path, per_country=1, videos=3, bulk=False)
    plan, journal = plan_and_journal(path)
    # The batch runs (every slot configured), then its answer is lost each time.
    emu.faults.inject("reset_after", operation_id="batchConfigureBundleVideos")
    with deadline(TIMEOUT):
        with journal:
            with client_for(emu) as client:
                with pytest.raises(APIConnectionError):
                    CampaignRunner(client, plan, journal).run()
                assert journal.record("videos/us-1").state is StepState.SENDING
                # Meanwhile slot 2 lost its configuration (reset by someone).
                bundle_id = next(iter(emu.workspace.bundles))
                client.bundles.videos.reset(bundle_id, 2)
            emu.faults.clear()
            emu.forget_idempotency_keys()
            wire = Wire()
            with client_for(emu, wire) as client:
                summary = CampaignRunner(client, plan, journal).resume()
            check_campaign_done(emu, plan, journal)
            record = journal.record("videos/us-1")
    assert summary.ok
    # Looked up first, then only the slot not configured was sent.
    assert len(wire.of("listBundleVideos")) == 1
    assert len(wire.of("batchConfigureBundleVideos")) == 1
    assert record.request is not None
    assert [item["position"] for item in record.request["body"]["videos"]] == [2]
    assert record.result == {"configured": [1, 2, 3]}


def test_resume_adopts_a_publication_whose_answer_was_lost(tmp_path: Path, emu: Emulator) -> None:
    path = write_campaign(tmp_path, per_country=1, videos=1, bulk=False)
    plan, journal = plan_and_journal(path)
    emu.faults.inject("reset_after", operation_id="publishBundle")
    with deadline(TIMEOUT):
        with journal:
            with client_for(emu) as client:
                with pytest.raises(APIConnectionError):
                    CampaignRunner(client, plan, journal).run()
            assert journal.record("publish/us-1").state is StepState.SENDING
            emu.faults.clear()
            emu.forget_idempotency_keys()
            wire = Wire()
            with client_for(emu, wire) as client:
                summary = CampaignRunner(client, plan, journal).resume()
            check_campaign_done(emu, plan, journal)
            record = journal.record("publish/us-1")
    assert summary.ok
    assert record.adopted
    assert wire.of("publishBundle") == []  # found published: not sent again
    assert [a.operation_id for a in wire.writes()] == []
