"""The test helpers for what only TokPortal decides: cancelling and archiving bundles, bans,
appeals, ban resolutions and remakes. What each does to the state users read back."""

from __future__ import annotations

import json

import httpx
import pytest

from tokportal.testing import Emulator

from .conftest import create_bundle, delivered_account, ready_bundle


def events(emu: Emulator, event_type: str) -> list[dict[str, object]]:
    found = []
    for d in emu.webhook_deliveries:
        if d.event_type == event_type:
            data: dict[str, object] = json.loads(d.body)["data"]
            found.append(data)
    return found


@pytest.fixture
def hooked(client: httpx.Client) -> None:
    """Every event is recorded (a non-loopback endpoint: recorded, never sent)."""
    response = client.post(
        "/webhooks", json={"url": "https://hooks.example.com/t", "events": ["*"]}
    )
    assert response.status_code == 200


@pytest.mark.usefixtures("hooked")
def test_cancelling_a_published_bundle_stops_the_manager_and_can_refund(
    emu: Emulator, client: httpx.Client
) -> None:
    bundle_id = ready_bundle(client, emu)
    assert client.post(f"/bundles/{bundle_id}/publish").status_code == 200
    spent = 1000 - emu.workspace.credits
    view = emu.cancel_bundle(bundle_id, reason="manager_unavailable", refund=True)
    assert view["status"] == "cancelled"
    [cancelled] = events(emu, "bundle.cancelled")
    assert cancelled["bundle_id"] == bundle_id and cancelled["reason"] == "manager_unavailable"
    [restored] = events(emu, "credits.restored")
    assert restored["amount"] == spent
    assert emu.workspace.credits == 1000
    history = client.get("/credits/history").json()["data"]
    assert history[0]["type"] == "credit" and history[0]["amount"] == spent

    emu.advance(days=5)  # nothing the manager had scheduled happens any more
    bundle = client.get(f"/bundles/{bundle_id}").json()["data"]
    assert bundle["status"] == "cancelled"
    assert events(emu, "account.in_review") == [] and events(emu, "video.in_review") == []
    with pytest.raises(ValueError, match="cancelled"):
        emu.cancel_bundle(bundle_id)

    emu.archive_bundle(bundle_id)
    assert client.get(f"/bundles/{bundle_id}").json()["data"]["status"] == "archived"
    assert [e["bundle_id"] for e in events(emu, "bundle.archived")] == [bundle_id]


def test_cancel_without_refund_keeps_the_charge(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = create_bundle(client)["id"]
    emu.cancel_bundle(bundle_id)
    assert emu.workspace.credits == 1000 - 36  # 32 + 2 slots of 2
    assert not any(t.type == "credit" for t in emu.workspace.transactions)


def test_only_finished_bundles_can_be_archived(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = create_bundle(client)["id"]
    with pytest.raises(ValueError, match="pending_setup"):
        emu.archive_bundle(bundle_id)
    with pytest.raises(KeyError):
        emu.cancel_bundle("no-such-bundle")


@pytest.mark.usefixtures("hooked")
def test_ban_appeal_refused_then_remade(emu: Emulator, client: httpx.Client) -> None:
    bundle_id, account = delivered_account(client, emu)
    ban = emu.ban_account(account)
    assert ban["status"] == "no_appeal_banned"
    assert client.get(f"/accounts/{account}").json()["data"]["banned"] is True

    appealed = emu.submit_ban_appeal(ban["id"])
    assert appealed["status"] == "appeal_pending"
    # Unavailable, but not banned while the appeal runs (API.md §2.5).
    assert client.get(f"/accounts/{account}").json()["data"]["banned"] is False

    refused = emu.resolve_ban_appeal(ban["id"], accepted=False)
    assert refused["status"] == "appeal_refused"
    assert client.get(f"/accounts/{account}").json()["data"]["banned"] is True
    assert [e["accepted"] for e in events(emu, "account.ban_appeal.resolved")] == [False]
    assert len(events(emu, "account.banned")) == 2  # reported, then appeal refused

    decided = emu.decide_ban_resolution(ban["id"], "remake")
    assert decided["resolution"]["resolution"] == "remake"
    [remade] = events(emu, "account.remade")
    new_id = remade["saved_account_id"]
    assert remade["previous_saved_account_id"] == account and new_id != account
    assert remade["bundle_id"] == bundle_id
    assert client.get(f"/bundles/{bundle_id}").json()["data"]["saved_account_id"] == new_id
    new = client.get(f"/accounts/{new_id}").json()["data"]
    assert new["banned"] is False and new["bundle_id"] == bundle_id
    assert new["account_id"] == remade["account_id"]  # stable across remakes
    assert client.get(f"/accounts/{account}").json()["data"]["banned"] is True  # still listed
    coverage = client.get(f"/accounts/{new_id}/managed-subscription").json()["data"]
    assert coverage["status"] == "active"
    rows = client.get("/account-bans", params={"resolution": "remake"}).json()["data"]
    assert [r["id"] for r in rows] == [ban["id"]]
    with pytest.raises(ValueError):
        emu.decide_ban_resolution(ban["id"], "refund")  # decided once


@pytest.mark.usefixtures("hooked")
def test_refund_resolution_restores_the_account_price(emu: Emulator, client: httpx.Client) -> None:
    _, account = delivered_account(client, emu)
    before = emu.workspace.credits
    ban = emu.ban_account(account, resolution="refund")
    assert ban["resolution"]["refund_credits"] == 32
    assert emu.workspace.credits == before + 32
    [decided] = events(emu, "account.ban_resolution.decided")
    assert decided["resolution"] == "refund" and decided["refund_credits"] == 32
    assert [e["amount"] for e in events(emu, "credits.restored")] == [32]


@pytest.mark.usefixtures("hooked")
def test_an_accepted_appeal_lifts_the_ban(emu: Emulator, client: httpx.Client) -> None:
    _, account = delivered_account(client, emu)
    ban = emu.ban_account(account, status="appeal_pending")
    assert [e["ban_id"] for e in events(emu, "account.ban_appeal.submitted")] == [ban["id"]]
    assert events(emu, "account.banned") == []
    emu.resolve_ban_appeal(ban["id"], accepted=True)
    assert client.get(f"/accounts/{account}").json()["data"]["banned"] is False
    with pytest.raises(ValueError):
        emu.decide_ban_resolution(ban["id"], "refund")  # nothing to resolve: not banned
    with pytest.raises(ValueError):
        emu.resolve_ban_appeal(ban["id"], accepted=False)  # no appeal pending any more


def test_helper_arguments_are_checked(emu: Emulator, client: httpx.Client) -> None:
    _, account = delivered_account(client, emu)
    with pytest.raises(ValueError, match="status"):
        emu.ban_account(account, status="exploded")
    with pytest.raises(ValueError, match="resolution"):
        emu.ban_account(account, resolution="jail")
    with pytest.raises(ValueError):
        emu.ban_account(account, status="appeal_pending", resolution="refund")
    with pytest.raises(KeyError):
        emu.submit_ban_appeal("no-such-ban")
    assert emu.workspace.bans == {}  # nothing half-done


@pytest.mark.usefixtures("hooked")
def test_platform_signals_need_a_posted_video(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = ready_bundle(client, emu)
    with pytest.raises(ValueError, match="configured"):
        emu.flag_video(bundle_id, 1, "ai_labeled")
    with pytest.raises(ValueError, match="flag"):
        emu.flag_video(bundle_id, 1, "on_fire")
    with pytest.raises(KeyError):
        emu.flag_video(bundle_id, 9, "ai_labeled")
    assert client.post(f"/bundles/{bundle_id}/publish").status_code == 200
    emu.advance(days=4)
    emu.flag_video(bundle_id, 1, "sound_restricted")
    [flagged] = events(emu, "video.sound_restricted")
    assert flagged["bundle_id"] == bundle_id and flagged["flag"] == "sound_restricted"
    assert flagged["post_url"]
    assert client.post(f"/bundles/{bundle_id}/account/finalize").status_code == 200
    account = client.get(f"/bundles/{bundle_id}").json()["data"]["saved_account_id"]
    emu.warn_distribution(account, reason="shadow_ban_suspected")
    [warning] = events(emu, "account.distribution_warning")
    assert warning["saved_account_id"] == account
    assert warning["reason"] == "shadow_ban_suspected"
