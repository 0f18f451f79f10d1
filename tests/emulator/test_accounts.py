"""Delivered accounts: consent flow, Coverage, warming, comments, ad codes, bans, analytics."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from tokportal.testing import Emulator

from .conftest import delivered_account

POLICY = "managed-credential-reveal-v1"


@pytest.fixture
def account(emu: Emulator, client: httpx.Client) -> str:
    return delivered_account(client, emu)[1]


@pytest.mark.parametrize("action", ["reveal-credentials", "verification-code"])
def test_consent_flow(emu: Emulator, client: httpx.Client, account: str, action: str) -> None:
    credits = emu.workspace.credits
    first = client.post(f"/accounts/{account}/{action}")
    assert first.status_code == 428
    details = first.json()["error"]["details"]
    assert (details["policy_version"], details["expected_credit_cost"]) == (POLICY, 150)
    assert details["consequences"]
    stale = client.post(
        f"/accounts/{account}/{action}",
        json={"acknowledge_support_forfeit": True, "policy_version": "v0"},
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "CREDENTIAL_REVEAL_QUOTE_CHANGED"
    assert stale.json()["error"]["details"]["expected_credit_cost"] == 150
    assert emu.workspace.credits == credits
    accepted = client.post(
        f"/accounts/{account}/{action}",
        json={"acknowledge_support_forfeit": True, "policy_version": POLICY},
    )
    assert accepted.status_code == 200
    data = accepted.json()["data"]
    assert ("password" in data) if action == "reveal-credentials" else len(data["code"]) == 6
    assert emu.workspace.credits == credits - 150
    again = client.post(
        f"/accounts/{account}/{action}",
        json={"acknowledge_support_forfeit": True, "policy_version": POLICY},
    )
    assert again.json()["credits_charged"] == 0
    assert emu.workspace.credits == credits - 150
    coverage = client.get(f"/accounts/{account}/managed-subscription").json()["data"]
    assert coverage["status"] == "ended" and coverage["reactivation_quote"] is None


def test_coverage_cancel_and_reactivate_with_quote(
    emu: Emulator, client: httpx.Client, account: str
) -> None:
    cancelled = client.post(f"/accounts/{account}/managed-subscription/cancel").json()["data"]
    assert cancelled["status"] == "cancelled"
    blocked = client.post(
        "/comments",
        json={
            "saved_account_id": account,
            "target_video_url": "https://t.test/v",
            "comment_text": "hi",
        },
    )
    task = blocked.json()["data"]["created"][0]
    assert task["execution_blocked"] is True
    emu.advance(days=31)  # the paid period ran out while paused
    quote = client.get(f"/accounts/{account}/managed-subscription").json()["data"][
        "reactivation_quote"
    ]
    assert quote["credits"] == 25
    wrong = client.post(
        f"/accounts/{account}/managed-subscription/reactivate",
        json={
            "expected_credits": 0,
            "expected_current_period_end": quote["current_period_end"],
            "expected_lock_version": quote["lock_version"],
        },
    )
    assert wrong.status_code == 409
    assert wrong.json()["error"]["details"]["reactivation_quote"] == quote
    credits = emu.workspace.credits
    ok = client.post(
        f"/accounts/{account}/managed-subscription/reactivate",
        json={
            "expected_credits": quote["credits"],
            "expected_current_period_end": quote["current_period_end"],
            "expected_lock_version": quote["lock_version"],
        },
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["data"]["status"] == "active"
    assert emu.workspace.credits == credits - 25


def test_lapse_when_renewal_cannot_be_paid(
    emu: Emulator, client: httpx.Client, account: str
) -> None:
    emu.workspace.credits = 10
    emu.advance(days=30)
    assert (
        client.get(f"/accounts/{account}/managed-subscription").json()["data"]["status"] == "lapsed"
    )
    assert (
        client.get(f"/accounts/{account}").json()["data"]["managed_subscription_status"] == "lapsed"
    )


def test_warming_terms_one_shot_and_sessions(emu: Emulator, client: httpx.Client) -> None:
    bundle_id, account = delivered_account(
        client, emu, wants_advanced_warming=True, advanced_warming_terms_count=3
    )
    wrong = client.put(
        f"/bundles/{bundle_id}/warming-terms",
        json={"advanced_warming_terms": ["aa", "bb", "cc", "dd", "ee", "ff"]},
    )
    assert wrong.json()["error"]["details"]["purchased_terms_count"] == 3
    configured = client.put(
        f"/bundles/{bundle_id}/warming-terms",
        json={"advanced_warming_terms": ["cooking", "recipes", "baking"]},
    )
    session = configured.json()["data"]
    assert session["status"] == "running"  # the account is already delivered
    again = client.put(
        f"/bundles/{bundle_id}/warming-terms", json={"advanced_warming_terms": ["a1", "b1", "c1"]}
    )
    assert again.json()["error"]["code"] == "WARMING_TERMS_ALREADY_SET"
    emu.advance(hours=24)
    done = client.get(f"/warming-sessions/{session['id']}").json()["data"]
    assert (done["status"], done["terms_verified"], len(done["reports"])) == ("completed", 3, 3)
    sessions = client.get(f"/accounts/{account}/warming-sessions").json()["data"]
    assert [s["id"] for s in sessions] == [session["id"]]
    rewarm = client.post(f"/accounts/{account}/rewarm", json={"search_terms": ["x1", "x2", "x3"]})
    assert rewarm.json()["credits_charged"] == 15
    busy = client.post(f"/accounts/{account}/rewarm", json={"search_terms": ["y1", "y2", "y3"]})
    assert busy.json()["error"]["code"] == "REWARM_ALREADY_ACTIVE"
    generated = client.post(
        "/warming/generate-terms", json={"text": "vegan cooking for busy students", "count": 6}
    ).json()["data"]
    assert len(generated["terms"]) == 6 and all(2 <= len(t) <= 50 for t in generated["terms"])
    assert (
        client.post("/warming/generate-terms", json={"text": "x y z", "count": 4}).status_code
        == 400
    )


def test_unconfigured_warming_is_refunded_after_14_days(
    emu: Emulator, client: httpx.Client
) -> None:
    client.post(
        "/bundles",
        json={
            "bundle_type": "account_only",
            "country": "USA",
            "wants_advanced_warming": True,
            "advanced_warming_terms_count": 3,
        },
    )
    credits = emu.workspace.credits
    emu.advance(days=14)
    assert emu.workspace.credits == credits + 15
    assert client.get("/credits/balance").json()["data"]["expiring_within_7_days"] == 0
    emu.advance(days=54)
    assert client.get("/credits/balance").json()["data"]["expiring_within_7_days"] == 15


def test_comment_tasks(emu: Emulator, client: httpx.Client, account: str) -> None:
    batch = client.post(
        "/comments",
        json={
            "tasks": [
                {
                    "saved_account_id": account,
                    "target_video_url": "https://www.tiktok.com/@a/video/1",
                    "comment_text": "great",
                },
                {
                    "saved_account_id": account,
                    "target_video_url": "https://www.tiktok.com/@a/video/2",
                    "comment_text": "x" * 151,
                },
                {
                    "saved_account_id": "missing",
                    "target_video_url": "https://www.tiktok.com/@a/video/3",
                    "comment_text": "hi",
                },
            ]
        },
    )
    body = batch.json()
    assert batch.status_code == 201
    assert (body["created_count"], body["rejected_count"], body["credits_charged"]) == (1, 2, 1)
    assert [r["code"] for r in body["data"]["rejected"]] == [
        "VALIDATION_ERROR",
        "SAVED_ACCOUNT_NOT_FOUND",
    ]
    single = client.post(
        "/comments",
        json={
            "saved_account_id": account,
            "target_video_url": "https://t.test/v",
            "comment_text": "x" * 151,
        },
    )
    assert single.status_code == 400
    task_id = body["data"]["created"][0]["id"]
    credits = emu.workspace.credits
    cancelled = client.delete(f"/comments/{task_id}").json()["data"]
    assert cancelled["status"] == "cancelled"
    assert emu.workspace.credits == credits + 1
    assert (
        client.delete(f"/comments/{task_id}").json()["error"]["code"]
        == "COMMENT_TASK_INVALID_STATUS"
    )
    assert client.get("/comments/nope").json()["error"]["code"] == "COMMENT_TASK_NOT_FOUND"

    for n in range(8):
        client.post(
            "/comments",
            json={
                "saved_account_id": account,
                "target_video_url": f"https://t.test/{n}",
                "comment_text": "nice",
            },
        )
    emu.advance(hours=3)
    statuses = {
        t["status"] for t in client.get("/comments", params={"per_page": 100}).json()["data"]
    }
    assert {"verified_auto", "manually_confirmed"} <= statuses
    listed = client.get("/comments", params={"status": "verified_auto,manually_confirmed"}).json()
    assert {t["status"] for t in listed["data"]} == {"verified_auto", "manually_confirmed"}
    manual = [t for t in listed["data"] if t["status"] == "manually_confirmed"]
    approved = client.post(f"/comments/{manual[0]['id']}/approve").json()["data"]
    assert approved["status"] == "finalized"
    if len(manual) > 1:
        disputed = client.post(
            f"/comments/{manual[1]['id']}/dispute", json={"reason": "wrong video"}
        ).json()["data"]
        assert disputed["status"] == "pending_corrections"
    verifications = client.get(f"/comments/{manual[0]['id']}/verifications").json()["data"]
    assert [v["result"] for v in verifications] == ["submitted", "no_auto_match"]


def test_ad_codes(emu: Emulator, client: httpx.Client) -> None:
    bundle_id, _ = delivered_account(client, emu)
    video_id = client.get(f"/bundles/{bundle_id}/videos/1").json()["data"]["id"]
    early = client.post(f"/videos/{video_id}/ad-code-request", json={})
    assert early.json()["error"]["code"] == "VIDEO_NOT_FINALIZED"
    emu.advance(days=7)
    created = client.post(f"/videos/{video_id}/ad-code-request", json={"note": "for the launch"})
    assert created.json()["credits_charged"] == 7
    assert (
        client.post(f"/videos/{video_id}/ad-code-request", json={}).json()["error"]["code"]
        == "AD_CODE_REQUEST_ALREADY_OPEN"
    )
    assert client.get(f"/videos/{video_id}/ad-code-request").json()["data"]["code"] is None
    emu.advance(hours=24)
    polled = client.get(f"/videos/{video_id}/ad-code-request").json()["data"]
    assert polled["status"] == "submitted" and polled["code"].startswith("#")


def test_bans_and_edit_requests(emu: Emulator, client: httpx.Client, account: str) -> None:
    assert client.get(f"/accounts/{account}/edit-request").json()["data"] is None
    edit = client.post(
        f"/accounts/{account}/edit-request",
        json={"requested_username": "new.name", "requested_visible_name": "New"},
    )
    assert edit.json()["data"]["status"] == "pending"
    dup = client.post(
        f"/accounts/{account}/edit-request",
        json={"requested_username": "x", "requested_visible_name": "y"},
    )
    assert dup.status_code == 409
    emu.advance(hours=24)
    assert client.get(f"/accounts/{account}").json()["data"]["username"] == "new.name"
    emu.ban_account(account, resolution="refund")
    bans = client.get("/account-bans", params={"resolution": "refund"}).json()
    assert bans["pagination"]["total"] == 1
    assert bans["data"][0]["resolution"]["resolution"] == "refund"
    assert client.get("/accounts", params={"banned": "true"}).json()["pagination"]["total"] == 1
    assert client.get("/accounts", params={"banned": "false"}).json()["pagination"]["total"] == 0
    profile = client.patch(
        f"/accounts/{account}/commenting-profile", json={"tone": "friendly"}
    ).json()["data"]
    assert profile["commenting_profile"] == {"tone": "friendly"}


def test_analytics_are_derived_from_posts(emu: Emulator, client: httpx.Client) -> None:
    bundle_id, account = delivered_account(client, emu)
    empty = client.get("/analytics").json()["data"]["totals"]
    assert empty["posts"] == 0 and empty["accounts"] == 1
    emu.advance(days=4)
    first = client.get(f"/accounts/{account}/analytics").json()["data"]
    emu.advance(days=2)
    later = client.get(f"/accounts/{account}/analytics").json()["data"]
    assert 0 < first["total_views"] < later["total_views"]
    assert later["posts_count"] == 1
    exported = client.get("/analytics/export/videos")
    assert exported.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert int(rows[0]["views"]) == later["total_views"]
    html = client.post("/analytics/export/reports/html", json={"title": "Q3"})
    assert html.headers["Content-Type"].startswith("text/html") and "<h1>Q3</h1>" in html.text
    report = client.post("/analytics/export/reports", json={"template": "board"}).json()["data"]
    assert report["url"].startswith("https://") and report["token"]
    series = client.get(
        "/analytics/series", params={"metric": "views", "mode": "gained", "granularity": "day"}
    ).json()["data"]
    assert sum(p["value"] for p in series["points"]) == later["total_views"]
    videos = client.get(f"/accounts/{account}/analytics/videos", params={"sort_by": "views"}).json()
    video_id = videos["data"][0]["video_id"]
    assert (
        client.get(f"/videos/{video_id}/analytics").json()["data"]["views"] == later["total_views"]
    )
    assert (
        client.get(f"/analytics/posts/{video_id}/raw", params={"limit": 2}).json()["data"][-1][
            "metrics"
        ]["views"]
        == later["total_views"]
    )
    assert client.get(f"/analytics/accounts/{account}/raw").json()["data"]
    assert client.get("/analytics/comments").json()["data"]["posts"]
    assert client.get(f"/analytics/accounts/{account}/comments", params={"limit": 5}).json()["data"]
    assert (
        client.get(f"/accounts/{account}/analytics/can-refresh").json()["data"]["can_refresh"]
        is True
    )
    assert (
        client.post(f"/accounts/{account}/analytics/refresh", json={}).json()["data"]["refreshed"]
        is True
    )
    assert (
        client.post(f"/analytics/accounts/{account}/refresh", json={}).json()["data"]["refreshed"]
        is False
    )
    assert client.get("/analytics/contract").json()["data"]["tier"] == "full"
    assert client.get(f"/analytics/accounts/{account}").json()["data"]["posts"]
    assert client.get("/analytics/series", params={"metric": "nope"}).status_code == 400
    assert bundle_id
