"""Bundle ordering rules, pricing and publication checks (API.md §2.2, §1.14)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tokportal.testing import Emulator

from .conftest import configure_account, configure_video, create_bundle, delivered_account


def post_error(client: httpx.Client, body: dict[str, Any]) -> tuple[int, str, dict[str, Any]]:
    response = client.post("/bundles", json=body)
    error = response.json()["error"]
    return response.status_code, error["code"], error["details"]


def test_create_shape_and_price(emu: Emulator, client: httpx.Client) -> None:
    response = client.post(
        "/bundles",
        json={
            "bundle_type": "account_and_videos",
            "platform": "instagram",
            "country": "gb",
            "videos_quantity": 4,
            "edits_quantity": 2,
            "wants_advanced_warming": True,
            "advanced_warming_terms_count": 6,
        },
    ).json()
    data = response["data"]
    assert data["id"] == data["bundle_id"]
    assert (data["country"], data["platform"], data["status"]) == (
        "GBR",
        "instagram",
        "pending_setup",
    )
    assert response["cost_breakdown"] == {
        "account_creation": 32,
        "video_slots": 8,
        "edit_slots": 6,
        "advanced_warming": 30,
        "niche_warming": 0,
        "total": 76,
    }
    assert response["credits_charged"] == 76
    assert response["credits_remaining"] == emu.workspace.credits == 1000 - 76
    [txn] = emu.workspace.transactions
    assert (txn.type, txn.amount, txn.reference_id) == ("debit", 76, data["id"])


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"bundle_type": "nope", "country": "USA"}, 400, "VALIDATION_ERROR", "bundle_type"),
        ({"country": "USA"}, 400, "VALIDATION_ERROR", "bundle_type"),
        (
            {"bundle_type": "account_only", "platform": "youtube", "country": "USA"},
            400,
            "YOUTUBE_DELAYED",
            "platform",
        ),
        (
            {"bundle_type": "account_only", "platform": "myspace", "country": "USA"},
            400,
            "VALIDATION_ERROR",
            "platform",
        ),
        ({"bundle_type": "account_only", "country": "ZZZ"}, 400, "COUNTRY_NOT_ENABLED", "country"),
        ({"bundle_type": "account_only"}, 400, "VALIDATION_ERROR", "country"),
        (
            {"bundle_type": "account_only", "country": "USA", "account_id": "a"},
            400,
            "ACCOUNT_ID_NOT_ALLOWED",
            "account_id",
        ),
        (
            {"bundle_type": "account_and_videos", "country": "USA"},
            400,
            "VALIDATION_ERROR",
            "videos_quantity",
        ),
        (
            {"bundle_type": "account_and_videos", "country": "USA", "videos_quantity": 0},
            400,
            "VALIDATION_ERROR",
            "videos_quantity",
        ),
        (
            {
                "bundle_type": "account_and_videos",
                "country": "USA",
                "videos_quantity": 1,
                "edits_quantity": 2,
            },
            400,
            "VALIDATION_ERROR",
            "edits_quantity",
        ),
        (
            {"bundle_type": "account_only", "country": "USA", "title": "x" * 201},
            400,
            "VALIDATION_ERROR",
            "title",
        ),
        (
            {"bundle_type": "account_only", "country": "USA", "external_ref": "x" * 201},
            400,
            "VALIDATION_ERROR",
            "external_ref",
        ),
        (
            {"bundle_type": "videos_only", "videos_quantity": 1},
            400,
            "VALIDATION_ERROR",
            "account_id",
        ),
        (
            {"bundle_type": "account_only", "country": "USA", "wants_deep_warming": True},
            400,
            "DEEP_WARMING_DEPRECATED",
            "wants_deep_warming",
        ),
    ],
)
def test_validation(
    client: httpx.Client, body: dict[str, Any], status: int, code: str, field: str
) -> None:
    got_status, got_code, details = post_error(client, body)
    assert (got_status, got_code) == (status, code)
    assert details.get("field") == field


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        (
            {"wants_advanced_warming": True, "advanced_warming_terms_count": 4},
            "ADVANCED_WARMING_TERMS",
        ),
        (
            {"wants_advanced_warming": True, "advanced_warming_terms_count": 33},
            "ADVANCED_WARMING_TERMS",
        ),
        ({"wants_advanced_warming": True}, "ADVANCED_WARMING_TERMS"),
        (
            {"wants_advanced_warming": True, "advanced_warming_terms": ["aa", "bb", "AA"]},
            "ADVANCED_WARMING_TERMS",
        ),
        (
            {"wants_advanced_warming": True, "advanced_warming_terms": ["aa", "bb", "c"]},
            "ADVANCED_WARMING_TERMS",
        ),
        (
            {
                "wants_advanced_warming": True,
                "advanced_warming_terms_count": 3,
                "wants_niche_warming": True,
                "niche_warming_instructions": "x",
            },
            "WARMING_CONFLICT",
        ),
    ],
)
def test_warming_rules(
    emu: Emulator, client: httpx.Client, extra: dict[str, Any], code: str
) -> None:
    _, got, _ = post_error(client, {"bundle_type": "account_only", "country": "USA", **extra})
    assert got == code
    assert emu.workspace.credits == 1000


def test_external_ref_deduplicates(client: httpx.Client) -> None:
    first = create_bundle(client, external_ref="order-1")
    status, code, details = post_error(
        client, {"bundle_type": "account_only", "country": "USA", "external_ref": "order-1"}
    )
    assert (status, code, details["existing_bundle_id"]) == (
        409,
        "DUPLICATE_ACCOUNT_BUNDLE",
        first["id"],
    )


def test_insufficient_credits(emu: Emulator) -> None:
    poor = Emulator(initial_credits=40)
    with httpx.Client(
        transport=poor.transport, base_url="http://t/api/ext", headers={"X-API-Key": poor.api_key}
    ) as c:
        response = c.post(
            "/bundles",
            json={"bundle_type": "account_and_videos", "country": "USA", "videos_quantity": 5},
        )
    assert response.status_code == 402
    details = response.json()["error"]["details"]
    assert (details["required"], details["available"], details["missing"]) == (42, 40, 2)
    assert details["breakdown"]["video_slots"] == 10
    assert poor.workspace.credits == 40 and poor.workspace.bundles == {}


def test_bulk_is_atomic(emu: Emulator, client: httpx.Client) -> None:
    response = client.post(
        "/bundles/bulk",
        json={
            "platforms": ["tiktok", "instagram"],
            "country": "USA",
            "accounts_count": 2,
            "videos_per_account": 3,
            "upload_accounts_count": 1,
        },
    )
    body = response.json()
    assert response.status_code == 200
    assert len(body["data"]["bundle_ids"]) == len(body["data"]["bundles"]) == 4
    assert body["credits_charged"] == 4 * 32 + 2 * 3 * 2
    too_big = client.post(
        "/bundles/bulk", json={"platforms": ["tiktok"], "country": "USA", "accounts_count": 100}
    )
    assert too_big.status_code == 402
    assert len(emu.workspace.bundles) == 4
    assert (
        client.post(
            "/bundles/bulk", json={"platforms": ["tiktok"], "country": "USA", "accounts_count": 101}
        ).status_code
        == 400
    )


def test_update_needs_a_field(client: httpx.Client) -> None:
    bundle = create_bundle(client)
    assert client.patch(f"/bundles/{bundle['id']}", json={}).status_code == 400
    updated = client.patch(
        f"/bundles/{bundle['id']}", json={"title": "New", "auto_finalize_videos": False}
    ).json()["data"]
    assert (updated["title"], updated["auto_finalize_videos"], updated["review_mode"]) == (
        "New",
        False,
        "manual_review",
    )


def test_publish_readiness_and_errors(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = create_bundle(client)["id"]
    readiness = client.get(f"/bundles/{bundle_id}/publish-readiness").json()["data"]
    assert readiness["ready"] is False
    assert [b["code"] for b in readiness["blockers"]] == [
        "ACCOUNT_MISSING_FIELDS",
        "NO_VIDEOS_CONFIGURED",
    ]
    refused = client.post(f"/bundles/{bundle_id}/publish")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "ACCOUNT_NOT_CONFIGURED")
    configure_account(client, bundle_id)
    refused = client.post(f"/bundles/{bundle_id}/publish")
    assert refused.json()["error"]["code"] == "NO_VIDEOS_CONFIGURED"
    configure_video(client, emu, bundle_id)
    assert client.get(f"/bundles/{bundle_id}/publish-readiness").json()["data"] == {
        "bundle_id": bundle_id,
        "status": "pending_setup",
        "ready": True,
        "blockers": [],
    }
    published = client.post(f"/bundles/{bundle_id}/publish").json()["data"]
    assert published["status"] == "published"
    again = client.post(f"/bundles/{bundle_id}/publish")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "BUNDLE_ALREADY_PUBLISHED")
    configure = client.put(
        f"/bundles/{bundle_id}/account", json={"username": "a", "visible_name": "b"}
    )
    assert configure.json()["error"]["code"] == "BUNDLE_INVALID_STATUS"
    assert emu.workspace.credits == 1000 - 36  # publishing is free


def test_unpublish_only_before_acceptance(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = create_bundle(client, bundle_type="account_only", videos_quantity=None)["id"]
    configure_account(client, bundle_id)
    client.post(f"/bundles/{bundle_id}/publish")
    back = client.post(f"/bundles/{bundle_id}/unpublish").json()["data"]
    assert back["status"] == "pending_setup" and back["unpublished_at"]
    emu.advance(hours=5)
    assert (
        client.get(f"/bundles/{bundle_id}").json()["data"]["status"] == "pending_setup"
    )  # stale timer ignored
    client.post(f"/bundles/{bundle_id}/publish")
    emu.advance(hours=1)
    refused = client.post(f"/bundles/{bundle_id}/unpublish")
    assert (refused.status_code, refused.json()["error"]["details"]["current_status"]) == (
        409,
        "accepted",
    )
    assert emu.workspace.credits == 1000 - 32


def test_paid_slot_additions(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = create_bundle(client, videos_quantity=1)["id"]
    added = client.post(f"/bundles/{bundle_id}/add-video-slots", json={"quantity": 3}).json()
    assert (
        added["data"]["videos_quantity"],
        added["credits_charged"],
        added["data"]["added_positions"],
    ) == (4, 6, [2, 3, 4])
    edits = client.post(f"/bundles/{bundle_id}/add-edit-slots", json={"quantity": 2}).json()
    assert (edits["data"]["edits_quantity"], edits["credits_charged"]) == (2, 6)
    assert (
        client.post(f"/bundles/{bundle_id}/add-edit-slots", json={"quantity": 3}).status_code == 400
    )
    assert len(client.get(f"/bundles/{bundle_id}/videos").json()["data"]) == 4


def test_videos_only_bundle_on_a_delivered_account(emu: Emulator, client: httpx.Client) -> None:
    _, account_id = delivered_account(client, emu)
    response = client.post(
        "/bundles",
        json={"bundle_type": "videos_only", "account_id": account_id, "videos_quantity": 2},
    )
    body = response.json()
    assert response.status_code == 200, body
    assert body["cost_breakdown"]["account_creation"] == 0 and body["credits_charged"] == 4
    assert body["data"]["saved_account_id"] == account_id
    listed = client.get(f"/accounts/{account_id}/bundles").json()
    assert listed["pagination"]["total"] == 2
    assert (
        client.get(f"/bundles/{body['data']['id']}/account").json()["error"]["code"]
        == "ACCOUNT_NOT_FOUND"
    )
