"""Bulk bundle creation and slot purchases: ``client.bundles.create_bulk`` and
``add_video_slots`` / ``add_edit_slots``."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from tests._async.local_refusals import refused
from tests.cases.bundles_more import BULK_REFUSALS
from tests.helpers import Recorder, bundle_data, charge, error, ok
from tokportal import AsyncTokPortal
from tokportal.models import BundleStatus
from tokportal.models.bulk import BulkCreateResult
from tokportal.models.bundles import BundleResult

pytestmark = pytest.mark.anyio  # async-only

MakeClient = Callable[..., AsyncTokPortal]

BULK = {"platforms": ["tiktok"], "country": "USA", "accounts_count": 3}


async def test_create_bulk_types_the_batch_and_its_charge(make_client: MakeClient) -> None:
    raw = {
        "data": {
            "bundle_ids": ["b1", "b2"],
            "bundles": [
                {"id": "b1", "status": "pending_setup", "platform": "tiktok", "new_flag": 1},
                {"bundle_id": "b2", "status": "queued_for_capacity"},
            ],
            "count": 2,
        },
        "credits_charged": 64,
        "credits_remaining": 936,
        "cost_breakdown": {"account_creation": 64, "total": 64, "bulk_discount": 0},
        "batch_id": "bulk_1",
    }
    recorder = Recorder(ok(**raw))
    async with make_client(recorder) as client:
        result = await client.bundles.create_bulk(
            platforms=["tiktok", "instagram"], country="USA", accounts_count=1
        )
    assert isinstance(result, BulkCreateResult)
    assert result.bundle_ids == ["b1", "b2"]
    assert [b.id for b in result.bundles] == ["b1", "b2"]
    assert result.bundles[0].status is BundleStatus.PENDING_SETUP
    assert result.bundles[1].status == "queued_for_capacity"
    assert result.bundles[0].extra == {"new_flag": 1}
    assert result.credits_charged == 64
    assert result.cost_breakdown is not None
    assert result.cost_breakdown.total == 64
    assert result.cost_breakdown.extra == {"bulk_discount": 0}
    assert result.extra == {"batch_id": "bulk_1"}
    assert result.to_dict() == raw
    assert result.api_response is not None
    assert result.api_response.request_id == "req_ok"


async def test_create_bulk_without_a_bundles_list_still_gives_the_ids(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(ok({"bundle_ids": ["b1"]}, credits_charged=32))
    async with make_client(recorder) as client:
        result = await client.bundles.create_bulk(**BULK)
    assert result.bundle_ids == ["b1"]
    assert result.bundles == []


async def test_create_bulk_dry_run_quotes_without_buying(make_client: MakeClient) -> None:
    recorder = Recorder(
        ok({"bundle_ids": []}, credits_charged=0, credits_would_charge=96, dry_run=True)
    )
    async with make_client(recorder) as client:
        result = await client.bundles.create_bulk(**BULK, dry_run=True)
    assert recorder.header("X-TokPortal-Dry-Run") == "true"
    assert result.dry_run is True
    assert result.credits_would_charge == 96


async def test_create_bulk_sends_warming_per_account(make_client: MakeClient) -> None:
    recorder = Recorder(ok({}))
    async with make_client(recorder) as client:
        await client.bundles.create_bulk(
            platforms=("instagram",),
            country="FR",
            accounts_count=100,
            upload_accounts_count=100,
            videos_per_account=500,
            wants_advanced_warming=True,
            advanced_warming_terms=("cafe", "bistro", "paris food"),
        )
    assert recorder.json() == {
        "platforms": ["instagram"],
        "country": "FR",
        "accounts_count": 100,
        "upload_accounts_count": 100,
        "videos_per_account": 500,
        "wants_advanced_warming": True,
        "advanced_warming_terms": ["cafe", "bistro", "paris food"],
    }


async def test_create_bulk_sends_legacy_niche_warming_with_its_instructions(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(ok({}))
    async with make_client(recorder) as client:
        await client.bundles.create_bulk(
            **BULK, wants_niche_warming=True, niche_warming_instructions="home baking"
        )
    assert recorder.json()["niche_warming_instructions"] == "home baking"


@pytest.mark.parametrize(
    ("changes", "field"),
    BULK_REFUSALS,
)
async def test_create_bulk_refuses_locally(
    make_client: MakeClient, changes: dict[str, Any], field: str
) -> None:
    refusal = await refused(
        make_client, lambda client: client.bundles.create_bulk(**{**BULK, **changes})
    )
    assert refusal.field == field
    assert field.split("[")[0] in str(refusal)


@pytest.mark.parametrize("method", ["add_video_slots", "add_edit_slots"])
async def test_slot_purchase_returns_the_bundle_and_the_charge(
    make_client: MakeClient, method: str
) -> None:
    raw = {
        "data": {
            "bundle_id": "b1",
            "status": "published",
            "videos_quantity": 8,
            "edits_quantity": 2,
            "added": 3,
        },
        "credits_charged": 6,
        "credits_remaining": 94,
        "cost_breakdown": {"video_slots": 6, "total": 6},
    }
    recorder = Recorder(ok(**raw))
    async with make_client(recorder) as client:
        result = await getattr(client.bundles, method)("b1", quantity=3)
    assert isinstance(result, BundleResult)
    assert recorder.json() == {"quantity": 3}
    assert result.bundle is not None
    assert result.bundle.id == "b1"
    assert result.bundle.videos_quantity == 8
    assert result.bundle.extra == {"added": 3}
    assert result.credits_charged == 6
    assert result.credits_remaining == 94
    assert result.to_dict() == raw


@pytest.mark.parametrize("method", ["add_video_slots", "add_edit_slots"])
@pytest.mark.parametrize("quantity", [0, -2, True, "3", 1.5])
async def test_slot_purchase_refuses_a_bad_quantity(
    make_client: MakeClient, method: str, quantity: Any
) -> None:
    refusal = await refused(
        make_client, lambda client: getattr(client.bundles, method)("b1", quantity=quantity)
    )
    assert refusal.field == "quantity"


async def test_a_retried_slot_purchase_is_never_charged_twice(make_client: MakeClient) -> None:
    recorder = Recorder([error(503, "INTERNAL_ERROR"), ok(bundle_data("b1"), **charge(2))])
    async with make_client(recorder) as client:
        result = await client.bundles.add_video_slots("b1", quantity=1)
    assert recorder.count == 2
    first, second = recorder.header("Idempotency-Key", 0), recorder.header("Idempotency-Key", 1)
    assert first is not None
    assert first == second
    assert uuid.UUID(first).version == 4
    assert result.credits_charged == 2


async def test_a_caller_key_is_sent_on_a_slot_purchase(make_client: MakeClient) -> None:
    recorder = Recorder(ok(bundle_data("b1"), **charge(3)))
    async with make_client(recorder) as client:
        await client.bundles.add_edit_slots("b1", quantity=1, idempotency_key="edits-b1-1")
    assert recorder.header("Idempotency-Key") == "edits-b1-1"
