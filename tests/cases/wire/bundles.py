"""Wire cases of bulk bundle creation, slot purchases, the bundle account and video slots."""

from __future__ import annotations

import datetime as dt

from tokportal.models.videos import VideoSlotConfig

from .case import WireCase

CSV = b"position,video_type,description,target_publish_date\n1,video,Hi,2030-01-15\n"

WIRE_CASES = [
    WireCase(
        operation_id="createBundlesBulk",
        call=lambda c: c.bundles.create_bulk(
            platforms=["tiktok", "instagram"],
            country="USA",
            accounts_count=10,
            upload_accounts_count=4,
            videos_per_account=20,
            auto_finalize_videos=False,
            external_ref="pmax-7",
        ),
        path="/bundles/bulk",
        body={
            "platforms": ["tiktok", "instagram"],
            "country": "USA",
            "accounts_count": 10,
            "upload_accounts_count": 4,
            "videos_per_account": 20,
            "auto_finalize_videos": False,
            "external_ref": "pmax-7",
        },
    ),
    WireCase(
        operation_id="addVideoSlots",
        call=lambda c: c.bundles.add_video_slots("b/1", quantity=5),
        path="/bundles/b%2F1/add-video-slots",
        body={"quantity": 5},
    ),
    WireCase(
        operation_id="addEditSlots",
        call=lambda c: c.bundles.add_edit_slots("b1", quantity=2),
        path="/bundles/b1/add-edit-slots",
        body={"quantity": 2},
    ),
    WireCase(
        operation_id="getBundleAccount",
        call=lambda c: c.bundles.account.get("b/1"),
        path="/bundles/b%2F1/account",
    ),
    WireCase(
        operation_id="configureBundleAccount",
        call=lambda c: c.bundles.account.configure(
            "b1", username="sunny.days_1", visible_name="Sunny Days", biography="Daily sun"
        ),
        path="/bundles/b1/account",
        body={"username": "sunny.days_1", "visible_name": "Sunny Days", "biography": "Daily sun"},
    ),
    WireCase(
        operation_id="requestBundleAccountCorrections",
        call=lambda c: c.bundles.account.request_corrections(
            "b1", comment="Wrong picture", fields={"profile_picture_url": "use the blue one"}
        ),
        path="/bundles/b1/account/corrections",
        body={"comment": "Wrong picture", "fields": {"profile_picture_url": "use the blue one"}},
    ),
    WireCase(
        operation_id="finalizeBundleAccount",
        call=lambda c: c.bundles.account.finalize("b/1"),
        path="/bundles/b%2F1/account/finalize",
    ),
    WireCase(
        operation_id="listBundleVideos",
        call=lambda c: c.bundles.videos.list("b/1"),
        path="/bundles/b%2F1/videos",
        response={"data": []},
    ),
    WireCase(
        operation_id="getBundleVideo",
        call=lambda c: c.bundles.videos.get("b/1", 3),
        path="/bundles/b%2F1/videos/3",
    ),
    WireCase(
        operation_id="configureBundleVideo",
        call=lambda c: c.bundles.videos.configure(
            "b1",
            2,
            video_type="video",
            target_publish_date=dt.date(2030, 1, 15),
            description="Morning routine #sun",
            video_url="https://cdn.example/v.mp4",
            volume_added_sound=None,
            auto_publish=True,
        ),
        path="/bundles/b1/videos/2",
        body={
            "video_type": "video",
            "target_publish_date": "2030-01-15",
            "description": "Morning routine #sun",
            "video_url": "https://cdn.example/v.mp4",
            "volume_added_sound": None,
            "auto_publish": True,
        },
    ),
    WireCase(
        operation_id="patchBundleVideo",
        call=lambda c: c.bundles.videos.update(
            "b/1", 4, name=None, target_publish_start_date="2030-02-01"
        ),
        path="/bundles/b%2F1/videos/4",
        body={"name": None, "target_publish_start_date": "2030-02-01"},
    ),
    WireCase(
        operation_id="batchConfigureBundleVideos",
        call=lambda c: c.bundles.videos.configure_batch(
            "b/1",
            videos=[
                VideoSlotConfig(
                    position=1,
                    video_type="story",
                    target_publish_date="2030-01-16",
                    story_image_url="https://cdn.example/s.jpg",
                ),
                {
                    "position": 2,
                    "video_type": "carousel",
                    "target_publish_date": dt.date(2030, 1, 17),
                    "description": "Swipe",
                    "carousel_images": ("a.jpg", "b.jpg"),
                },
            ],
            auto_publish=False,
        ),
        path="/bundles/b%2F1/videos/batch",
        body={
            "videos": [
                {
                    "position": 1,
                    "video_type": "story",
                    "target_publish_date": "2030-01-16",
                    "story_image_url": "https://cdn.example/s.jpg",
                },
                {
                    "position": 2,
                    "video_type": "carousel",
                    "target_publish_date": "2030-01-17",
                    "description": "Swipe",
                    "carousel_images": ["a.jpg", "b.jpg"],
                },
            ],
            "auto_publish": False,
        },
    ),
    WireCase(
        operation_id="publishAllBundleVideos",
        call=lambda c: c.bundles.videos.publish_all("b/1"),
        path="/bundles/b%2F1/videos/publish-all",
    ),
    WireCase(
        operation_id="importBundleVideosCsv",
        call=lambda c: c.bundles.videos.import_csv("b/1", CSV, auto_publish=True),
        path="/bundles/b%2F1/videos/import-csv",
        body={"file": CSV.decode(), "auto_publish": "true"},
    ),
    WireCase(
        operation_id="publishBundleVideo",
        call=lambda c: c.bundles.videos.publish("b/1", 1),
        path="/bundles/b%2F1/videos/1/publish",
    ),
    WireCase(
        operation_id="resetBundleVideo",
        call=lambda c: c.bundles.videos.reset("b1", 12),
        path="/bundles/b1/videos/12/reset",
    ),
    WireCase(
        operation_id="unscheduleBundleVideo",
        call=lambda c: c.bundles.videos.unschedule("b/1", 2),
        path="/bundles/b%2F1/videos/2/unschedule",
    ),
    WireCase(
        operation_id="finalizeBundleVideo",
        call=lambda c: c.bundles.videos.finalize("b1", 2),
        path="/bundles/b1/videos/2/finalize",
    ),
    WireCase(
        operation_id="requestBundleVideoCorrections",
        call=lambda c: c.bundles.videos.request_corrections(
            "b/1", 2, comment="Caption typo", fields={"description": "fix 'teh'"}
        ),
        path="/bundles/b%2F1/videos/2/corrections",
        body={"comment": "Caption typo", "fields": {"description": "fix 'teh'"}},
    ),
    WireCase(
        operation_id="fixBundleVideoDownload",
        call=lambda c: c.bundles.videos.fix_download(
            "b1", 5, video_url="https://cdn.example/fixed.mp4"
        ),
        path="/bundles/b1/videos/5/fix-download",
        body={"video_url": "https://cdn.example/fixed.mp4"},
    ),
]
