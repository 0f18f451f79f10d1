"""X-TokPortal-Dry-Run: same validation and pricing, no state change (API.md §1.10)."""

from __future__ import annotations

import httpx

from tokportal.testing import Emulator

from .conftest import create_bundle, delivered_account

DRY = {"X-TokPortal-Dry-Run": "true"}


def test_dry_run_bundle_creation_quotes_and_changes_nothing(
    emu: Emulator, any_client: httpx.Client
) -> None:
    body = {
        "bundle_type": "account_and_videos",
        "country": "US",
        "videos_quantity": 3,
        "edits_quantity": 1,
    }
    response = any_client.post("/bundles", json=body, headers=DRY)
    assert response.status_code == 200
    payload = response.json()
    assert payload["dry_run"] is True
    assert payload["credits_charged"] == 0
    assert payload["credits_would_charge"] == 32 + 6 + 3
    assert payload["credits_remaining"] == 1000
    assert payload["cost_breakdown"]["total"] == 41
    assert payload["dry_run_notice"]
    assert payload["data"]["id"].startswith("00000000-0000-4000-8000-")
    assert payload["data"]["bundle_id"] == payload["data"]["id"]
    assert payload["data"]["status"] == "pending_setup"
    assert emu.workspace.credits == 1000
    assert emu.workspace.bundles == {}
    assert emu.workspace.transactions == []
    assert emu.webhook_deliveries == []


def test_dry_run_returns_the_same_errors(client: httpx.Client) -> None:
    response = client.post(
        "/bundles",
        json={"bundle_type": "account_only", "country": "USA", "account_id": "x"},
        headers=DRY,
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "ACCOUNT_ID_NOT_ALLOWED"
    poor = client.post(
        "/bundles",
        json={"bundle_type": "account_and_videos", "country": "USA", "videos_quantity": 500},
        headers=DRY,
    )
    assert poor.status_code == 402


def test_dry_run_does_not_shift_real_ids(client: httpx.Client) -> None:
    def ids_after(dry: bool) -> str:
        emu = Emulator(seed=11)
        with httpx.Client(
            transport=emu.transport, base_url="http://x/api/ext", headers={"X-API-Key": emu.api_key}
        ) as c:
            if dry:
                c.post(
                    "/bundles", json={"bundle_type": "account_only", "country": "USA"}, headers=DRY
                )
            return str(
                c.post("/bundles", json={"bundle_type": "account_only", "country": "USA"}).json()[
                    "data"
                ]["id"]
            )

    assert ids_after(True) == ids_after(False)


def test_dry_run_on_other_writes(emu: Emulator, client: httpx.Client) -> None:
    bundle = create_bundle(client)
    slots = client.post(
        f"/bundles/{bundle['id']}/add-video-slots", json={"quantity": 4}, headers=DRY
    ).json()
    assert slots["credits_would_charge"] == 8
    assert slots["data"]["videos_quantity"] == 6
    assert emu.workspace.bundles[bundle["id"]].videos_quantity == 2
    hook = client.post(
        "/webhooks",
        json={"url": "https://example.com/h", "events": ["bundle.created"]},
        headers=DRY,
    )
    assert hook.status_code == 200
    assert emu.workspace.webhook_endpoints == {}


def test_dry_run_consent_call_never_reveals(emu: Emulator, client: httpx.Client) -> None:
    _, account_id = delivered_account(client, emu)
    body = {"acknowledge_support_forfeit": True, "policy_version": "managed-credential-reveal-v1"}
    response = client.post(f"/accounts/{account_id}/reveal-credentials", json=body, headers=DRY)
    assert response.status_code == 200
    payload = response.json()
    assert "password" not in payload["data"]
    assert payload["credits_would_charge"] == 150
    saved = emu.workspace.saved_accounts[account_id]
    assert not saved.access_paid and saved.coverage.status == "active"


def test_dry_run_header_is_ignored_on_reads(client: httpx.Client) -> None:
    response = client.get("/me", headers=DRY)
    assert "dry_run" not in response.json()
