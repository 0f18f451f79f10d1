"""Tables and payloads of ``tests/_async/test_bundle_videos.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

import datetime as dt

VIDEO = {
    "id": "vid_1",
    "bundle_id": "b1",
    "position": 2,
    "status": "published",
    "video_type": "carousel",
    "target_publish_date": "2030-01-15",
    "target_publish_start_date": None,
    "target_publish_end_date": None,
    "description": "Swipe for the recipe",
    "name": "Recipe 2",
    "external_ref": "cms-42",
    "video_url": None,
    "carousel_images": ["carousel-images/org/b1/1.jpg", "carousel-images/org/b1/2.jpg"],
    "instagram_content_type": "post",
    "instagram_collaborators": ["chef.anna"],
    "youtube_visibility": None,
    "volume_original_sound": 80,
    "ai_content_disclaimer": False,
    "post_url": "https://www.instagram.com/p/abc/",
    "published_at": "2030-01-15T12:00:00Z",
    "corrections": [],
}

SLOT = {
    "video_type": "video",
    "target_publish_date": "2030-01-15",
    "description": "Morning routine",
    "video_url": "https://cdn.example/v.mp4",
}

BAD_SLOTS = [
    ({"video_type": " "}, "video_type"),
    ({"video_type": None}, "video_type"),
    ({"video_type": ["video"]}, "video_type"),
    ({"target_publish_date": "2030-02-30"}, "target_publish_date"),
    ({"target_publish_date": "15/01/2030"}, "target_publish_date"),
    ({"target_publish_date": "2030-1-5"}, "target_publish_date"),
    ({"target_publish_date": dt.datetime(2030, 1, 15, 9)}, "target_publish_date"),
    ({"target_publish_date": None}, "target_publish_date"),
    ({"description": NotImplemented}, "description"),
    ({"description": ""}, "description"),
    ({"video_type": "carousel", "description": NotImplemented}, "description"),
    ({"video_type": "story", "description": "no captions on stories"}, "description"),
    (
        {"video_type": "story", "description": NotImplemented, "story_image_url": "https://i"},
        "story_image_url",
    ),
    (
        {"video_type": "story", "description": NotImplemented, "video_url": NotImplemented},
        "video_url",
    ),
    ({"instagram_content_type": ""}, "instagram_content_type"),
    ({"youtube_visibility": 1}, "youtube_visibility"),
    ({"name": "n" * 201}, "name"),
    ({"external_ref": "r" * 201}, "external_ref"),
    ({"carousel_images": "one.jpg"}, "carousel_images"),
    ({"instagram_collaborators": ["ok", 3]}, "instagram_collaborators[1]"),
    ({"volume_added_sound": "50"}, "volume_added_sound"),
]

VALID_SLOTS = [
    {"video_type": "story", "target_publish_date": "2030-01-15", "video_url": "https://v"},
    {
        "video_type": "story",
        "target_publish_date": "2030-01-15",
        "story_image_url": "https://i",
    },
    {"video_type": "carousel", "target_publish_date": "2030-02-28", "description": "d"},
    {**SLOT, "target_publish_date": "2032-02-29"},
]

UPDATE_REFUSALS = [
    ({}, "external_ref"),
    ({"name": "n" * 201}, "name"),
    ({"external_ref": "r" * 201}, "external_ref"),
    ({"description": 5}, "description"),
    ({"target_publish_date": "2030-13-01"}, "target_publish_date"),
    ({"target_publish_start_date": "next monday"}, "target_publish_start_date"),
    ({"target_publish_end_date": "2030-02-31"}, "target_publish_end_date"),
]

BATCH_REFUSALS = [
    ([], "videos"),
    ({"position": 1, **SLOT}, "videos"),
    ([["position", 1]], "videos[0]"),
    ([SLOT], "videos[0].position"),
    ([{**SLOT, "position": 0}], "videos[0].position"),
    ([{**SLOT, "position": "1"}], "videos[0].position"),
    (
        [{**SLOT, "position": 1}, {**SLOT, "position": 2, "video_type": "story"}],
        "videos[1].description",
    ),
    (
        [{**SLOT, "position": 1, "target_publish_date": "2030-02-30"}],
        "videos[0].target_publish_date",
    ),
    ([{**SLOT, "position": 1, "name": "n" * 201}], "videos[0].name"),
]
