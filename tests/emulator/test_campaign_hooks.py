"""The emulator's test controls for campaigns: a ledger that forgets, prices that move."""

from __future__ import annotations

import httpx
import pytest

from tokportal.testing import Emulator

BODY = {"bundle_type": "account_and_videos", "platform": "tiktok", "country": "USA"}
BULK = {"platforms": ["tiktok"], "country": "USA", "accounts_count": 2, "videos_per_account": 3}


def create(client: httpx.Client, key: str, **extra: object) -> httpx.Response:
    return client.post(
        "/bundles", json={**BODY, "videos_quantity": 3, **extra}, headers={"Idempotency-Key": key}
    )


def test_forget_idempotency_keys_drops_stored_answers(emu: Emulator, client: httpx.Client) -> None:
    assert emu.forget_idempotency_keys() == 0
    assert create(client, "k1").status_code == 200
    assert create(client, "k2", country="FRA").status_code == 200
    replayed = create(client, "k1")
    assert replayed.headers["Idempotent-Replayed"] == "true"
    assert len(emu.workspace.bundles) == 2

    assert emu.forget_idempotency_keys() == 2
    again = create(client, "k1")
    # The same key now runs the request again: a second bundle, a second debit.
    assert again.status_code == 200
    assert "Idempotent-Replayed" not in again.headers
    assert len(emu.workspace.bundles) == 3
    assert emu.workspace.credits == 1000 - 3 * 38
    assert emu.forget_idempotency_keys() == 1


def test_forgotten_key_still_meets_external_ref(emu: Emulator, client: httpx.Client) -> None:
    first = create(client, "k", external_ref="camp/us-1")
    emu.forget_idempotency_keys()
    second = create(client, "k", external_ref="camp/us-1")
    assert second.status_code == 409
    error = second.json()["error"]
    assert error["code"] == "DUPLICATE_ACCOUNT_BUNDLE"
    assert error["details"]["existing_bundle_id"] == first.json()["data"]["id"]
    assert len(emu.workspace.bundles) == 1


def test_change_prices_shows_in_credit_costs_and_dry_runs(
    emu: Emulator, client: httpx.Client
) -> None:
    costs = client.get("/credit-costs").json()["data"]["costs"]
    assert (costs["account_creation"], costs["video_upload"]) == (32, 2)
    emu.change_prices(account_creation=40, video_upload=5)
    costs = client.get("/credit-costs").json()["data"]["costs"]
    assert (costs["account_creation"], costs["video_upload"]) == (40, 5)
    quote = client.post(
        "/bundles", json={**BODY, "videos_quantity": 3}, headers={"X-TokPortal-Dry-Run": "true"}
    ).json()
    assert quote["credits_would_charge"] == 40 + 3 * 5
    assert quote["cost_breakdown"]["video_slots"] == 15
    bulk = client.post("/bundles/bulk", json=BULK, headers={"X-TokPortal-Dry-Run": "true"}).json()
    assert bulk["credits_would_charge"] == 2 * (40 + 3 * 5)
    bought = create(client, "k")
    assert bought.json()["credits_charged"] == 55
    assert emu.workspace.credits == 1000 - 55


@pytest.mark.parametrize("path", ["/bundles", "/bundles/bulk"])
def test_refuse_next_answers_pricing_changed_before_any_debit(
    emu: Emulator, client: httpx.Client, path: str
) -> None:
    body = {**BODY, "videos_quantity": 3} if path == "/bundles" else BULK
    emu.change_prices(video_upload=4, refuse_next=1)
    # A dry run is a quote: never refused, and it does not use up the refusal.
    dry = client.post(path, json=body, headers={"X-TokPortal-Dry-Run": "true"})
    assert dry.status_code == 200
    refused = client.post(path, json=body, headers={"Idempotency-Key": "old"})
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "BUNDLE_PRICING_CHANGED"
    assert emu.workspace.credits == 1000
    assert emu.workspace.bundles == {}
    # The refusal is stored under its key like any 4xx: only a new key gets through.
    replay = client.post(path, json=body, headers={"Idempotency-Key": "old"})
    assert replay.status_code == 409
    assert replay.headers["Idempotent-Replayed"] == "true"
    fresh = client.post(path, json=body, headers={"Idempotency-Key": "new"})
    assert fresh.status_code == 200, fresh.text
    assert fresh.json()["credits_charged"] == dry.json()["credits_would_charge"]
    assert emu.workspace.credits == 1000 - dry.json()["credits_would_charge"]


def test_refuse_next_counts_checkouts(emu: Emulator, client: httpx.Client) -> None:
    emu.change_prices(refuse_next=2)
    codes = [create(client, f"k{i}").status_code for i in range(3)]
    assert codes == [409, 409, 200]
    assert len(emu.workspace.bundles) == 1


def test_change_prices_refuses_unknown_names_and_bad_values(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="account_creaton"):
        emu.change_prices(account_creaton=3)
    with pytest.raises(ValueError, match="refuse_next"):
        emu.change_prices(refuse_next=-1)
    with pytest.raises(ValueError, match="video_upload"):
        emu.change_prices(video_upload=True)
