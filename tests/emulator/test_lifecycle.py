"""The simulated account manager on the business clock (``advance``)."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx

from tokportal.testing import Emulator

from .conftest import (
    BASE_URL,
    configure_video,
    create_bundle,
    delivered_account,
    future_date,
    ready_bundle,
)

START = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)


def test_full_lifecycle_to_completion() -> None:
    emu = Emulator(start_time=START)
    with httpx.Client(
        transport=emu.transport, base_url=BASE_URL, headers={"X-API-Key": emu.api_key}
    ) as c:
        bundle_id = ready_bundle(c, emu, videos_quantity=1)

        def bundle() -> dict[str, object]:
            data: dict[str, object] = c.get(f"/bundles/{bundle_id}").json()["data"]
            return data

        def video_status() -> str:
            return str(c.get(f"/bundles/{bundle_id}/videos/1").json()["data"]["status"])

        assert c.post(f"/bundles/{bundle_id}/publish").status_code == 200
        assert video_status() == "published"
        emu.advance(minutes=59)
        assert bundle()["status"] == "published"
        emu.advance(minutes=1)
        assert bundle()["status"] == "accepted"
        emu.advance(hours=1)
        assert video_status() == "accepted"
        emu.advance(hours=23)
        assert bundle()["account_status"] == "in_review"
        assert bundle()["saved_account_id"] is not None
        assert c.get("/accounts").json()["data"] == []  # delivered only once finalized

        emu.advance(days=2, hours=3)  # past the target day (START + 3 days) at 12:00 UTC: posted
        video = c.get(f"/bundles/{bundle_id}/videos/1").json()["data"]
        assert video["status"] == "in_review"
        assert video["post_url"].startswith("https://www.tiktok.com/@emu.user_1/video/")

        emu.advance(hours=72)  # both reviews auto-finalize after 72 h
        assert video_status() == "finalized"
        final = bundle()
        assert (final["account_status"], final["status"]) == ("finalized", "completed")
        [account] = c.get("/accounts").json()["data"]
        assert account["id"] == final["saved_account_id"]
        assert account["username"] == "emu.user_1"
        coverage = c.get(f"/accounts/{account['id']}/managed-subscription").json()["data"]
        assert coverage["status"] == "active"
    assert emu.now > START


def test_client_finalize_and_corrections(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = ready_bundle(client, emu)
    assert (
        client.post(f"/bundles/{bundle_id}/account/finalize").json()["error"]["code"]
        == "ACCOUNT_INVALID_STATUS"
    )
    client.post(f"/bundles/{bundle_id}/publish")
    emu.advance(hours=25)
    corrections = client.post(
        f"/bundles/{bundle_id}/account/corrections", json={"comment": "Different bio please"}
    )
    assert corrections.json()["data"]["status"] == "pending_corrections"
    emu.advance(hours=100)  # the 72 h auto-finalize timer was reset by the corrections round
    assert client.get(f"/bundles/{bundle_id}/account").json()["data"]["status"] == "finalized"
    assert (
        client.get(f"/bundles/{bundle_id}/account").json()["data"]["corrections"][0]["comment"]
        == "Different bio please"
    )


def test_video_rules(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = create_bundle(client, videos_quantity=5, edits_quantity=1)["id"]
    day = future_date(emu, 4)
    for position in (1, 2, 3):
        configure_video(client, emu, bundle_id, position, target_publish_date=day)
    fourth = client.put(
        f"/bundles/{bundle_id}/videos/4",
        json={
            "video_type": "video",
            "target_publish_date": day,
            "description": "d",
            "video_url": "https://x.test/v.mp4",
        },
    )
    assert fourth.status_code == 400
    assert fourth.json()["error"]["code"] == "VIDEOS_PER_DAY_EXCEEDED"
    assert fourth.json()["error"]["details"] == {
        "date": day,
        "current_count": 3,
        "max_per_day": 3,
        "field": "target_publish_date",
    }
    configure_video(
        client, emu, bundle_id, 1, target_publish_date=day
    )  # reconfiguring its own day does not count twice

    too_soon = client.put(
        f"/bundles/{bundle_id}/videos/4",
        json={
            "video_type": "video",
            "target_publish_date": future_date(emu, 1),
            "description": "d",
            "video_url": "https://x.test/v.mp4",
        },
    )
    assert too_soon.json()["error"]["details"]["field"] == "target_publish_date"
    story = {"video_type": "story", "target_publish_date": future_date(emu, 5)}
    assert (
        client.put(f"/bundles/{bundle_id}/videos/4", json={**story, "description": "no"}).json()[
            "error"
        ]["details"]["field"]
        == "description"
    )
    assert client.put(f"/bundles/{bundle_id}/videos/4", json=story).status_code == 400
    both = {**story, "video_url": "https://x.test/a.mp4", "story_image_url": "https://x.test/a.jpg"}
    assert client.put(f"/bundles/{bundle_id}/videos/4", json=both).status_code == 400
    ok = client.put(
        f"/bundles/{bundle_id}/videos/4",
        json={**story, "story_image_url": "https://x.test/a.jpg", "instant_repost_as_story": True},
    )
    assert ok.status_code == 200 and ok.json()["credits_charged"] == 1
    missing = client.get(f"/bundles/{bundle_id}/videos/9")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "VIDEO_NOT_FOUND")
    finalize = client.post(f"/bundles/{bundle_id}/videos/1/finalize")
    assert (finalize.status_code, finalize.json()["error"]["code"]) == (
        409,
        "INVALID_STATUS_TRANSITION",
    )
    edit = configure_video(
        client,
        emu,
        bundle_id,
        5,
        target_publish_date=future_date(emu, 6),
        editing_instructions="cut",
    )
    assert edit["editing_instructions"] == "cut"
    no_edit_left = client.put(
        f"/bundles/{bundle_id}/videos/2",
        json={
            "video_type": "video",
            "target_publish_date": day,
            "description": "d",
            "video_url": "https://x.test/v.mp4",
            "editing_instructions": "more",
        },
    )
    assert no_edit_left.json()["error"]["details"]["field"] == "editing_instructions"


def test_patch_reset_unschedule_publish(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = ready_bundle(client, emu, videos_quantity=3)
    assert client.patch(f"/bundles/{bundle_id}/videos/1", json={}).status_code == 400
    patched = client.patch(
        f"/bundles/{bundle_id}/videos/1", json={"name": "Clip", "external_ref": None}
    ).json()["data"]
    assert patched["name"] == "Clip"
    single = client.post(f"/bundles/{bundle_id}/videos/1/publish")
    assert (
        single.json()["error"]["code"] == "BUNDLE_INVALID_STATUS"
    )  # the bundle is not published yet
    reset = client.post(f"/bundles/{bundle_id}/videos/1/reset").json()["data"]
    assert reset["status"] == "pending" and reset["video_type"] is None
    configure_video(client, emu, bundle_id, 1)
    client.post(f"/bundles/{bundle_id}/publish")
    assert (
        client.post(f"/bundles/{bundle_id}/videos/1/reset").json()["error"]["code"]
        == "INVALID_STATUS_TRANSITION"
    )
    unscheduled = client.post(f"/bundles/{bundle_id}/videos/1/unschedule").json()["data"]
    assert unscheduled["status"] == "configured"
    configure_video(client, emu, bundle_id, 2, target_publish_date=future_date(emu, 5))
    published = client.post(f"/bundles/{bundle_id}/videos/publish-all").json()["data"]
    assert published["videos_published"] == 2 and len(published["video_ids"]) == 2
    assert (
        client.post(f"/bundles/{bundle_id}/videos/3/publish").json()["error"]["code"]
        == "INVALID_STATUS_TRANSITION"
    )


def test_batch_and_csv_import(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = create_bundle(client, videos_quantity=3)["id"]
    day = future_date(emu)
    batch = client.put(
        f"/bundles/{bundle_id}/videos/batch",
        json={
            "videos": [
                {
                    "position": 1,
                    "video_type": "video",
                    "target_publish_date": day,
                    "description": "a",
                    "video_url": "https://x.test/1.mp4",
                },
                {
                    "position": 7,
                    "video_type": "video",
                    "target_publish_date": day,
                    "description": "b",
                    "video_url": "https://x.test/2.mp4",
                },
                {"position": 2, "video_type": "video", "target_publish_date": day},
            ]
        },
    ).json()["data"]
    assert batch["configured_count"] == 1
    assert [(e["position"], e["code"]) for e in batch["errors"]] == [
        (7, "VIDEO_NOT_FOUND"),
        (2, "VALIDATION_ERROR"),
    ]
    assert batch["errors"][1]["details"]["field"] == "videos[2].description"
    csv_text = (
        "position,video_type,description,target_publish_date,video_url,volume_original_sound\n"
        f"2,video,from csv,{day},https://x.test/2.mp4,40\n"
        "\n"
        f"3,video,,{day},https://x.test/3.mp4,\n"
    )
    imported = client.post(
        f"/bundles/{bundle_id}/videos/import-csv",
        files={"file": ("videos.csv", csv_text.encode(), "text/csv")},
        data={"auto_publish": "false"},
    ).json()
    assert imported["data"]["imported"] == 1
    assert imported["data"]["skipped"] == 1
    assert imported["data"]["errors"][0]["row"] == 4
    assert imported["credits_charged"] == 1  # sound volume, first time
    assert (
        client.get(f"/bundles/{bundle_id}/videos/2").json()["data"]["volume_original_sound"] == 40
    )


def test_video_review_corrections_and_manual_finalize(emu: Emulator, client: httpx.Client) -> None:
    bundle_id = ready_bundle(client, emu, auto_finalize_videos=False)
    client.post(f"/bundles/{bundle_id}/publish")
    emu.advance(days=4)
    video = client.get(f"/bundles/{bundle_id}/videos/1").json()["data"]
    assert video["status"] == "in_review"
    fixed = client.post(
        f"/bundles/{bundle_id}/videos/1/corrections",
        json={"comment": "Caption typo", "fields": {"description": "Fixed"}},
    )
    assert fixed.json()["data"]["status"] == "pending_corrections"
    emu.advance(
        days=10
    )  # back in review after the fix; no auto-finalize with auto_finalize_videos=false
    assert client.get(f"/bundles/{bundle_id}/videos/1").json()["data"]["status"] == "in_review"
    done = client.post(f"/bundles/{bundle_id}/videos/1/finalize").json()["data"]
    assert done["status"] == "finalized" and done["finalized_at"]
    download = client.post(
        f"/bundles/{bundle_id}/videos/1/fix-download", json={"video_url": "https://x.test/new.mp4"}
    )
    assert download.json()["error"]["code"] == "INVALID_STATUS_TRANSITION"


def test_delivered_account_and_coverage_renewal(emu: Emulator, client: httpx.Client) -> None:
    _, account_id = delivered_account(client, emu)
    account = client.get(f"/accounts/{account_id}").json()["data"]
    assert account["profile_url"] == "https://www.tiktok.com/@emu.user_1"
    assert "password" not in account
    credits = emu.workspace.credits
    emu.advance(days=30)
    assert emu.workspace.credits == credits - 25
    assert (
        client.get(f"/accounts/{account_id}/managed-subscription").json()["data"]["status"]
        == "active"
    )
