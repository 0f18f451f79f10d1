"""Tables and payloads of ``tests/_async/test_uploads.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

import io

from tokportal.models.uploads import ImageUpload, PresignedUpload, VideoUpload

VIDEO = {
    "public_url": "https://pub-x.r2.dev/videos/b1/1.mp4",
    "filename": "clip.mp4",
    "size_bytes": 11,
    "content_type": "video/mp4",
}

IMAGE = {
    "public_url": "https://pub-x.r2.dev/carousel-images/org_x/b1/photo.jpg",
    "storage_path": "carousel-images/org_x/b1/photo.jpg",
    "filename": "photo.jpg",
    "size_bytes": 3,
    "content_type": "image/jpeg",
}

VIDEO_REFUSALS = [
    ({"file": b"x", "bundle_id": ""}, "bundle_id"),
    ({"file": b"x", "bundle_id": "   "}, "bundle_id"),
    ({"file": b"x", "bundle_id": None}, "bundle_id"),
    ({"file": b"x", "bundle_id": "b1", "filename": ""}, "filename"),
    ({"file": b"x", "bundle_id": "b1", "content_type": " "}, "content_type"),
    ({"file": b"x", "bundle_id": "b1", "progress": "not callable"}, "progress"),
    ({"file": io.StringIO("text"), "bundle_id": "b1"}, "file"),
    ({"file": 42, "bundle_id": "b1"}, "file"),
    ({"file": "/no/such/dir/clip.mp4", "bundle_id": "b1"}, "file"),
]

UPLOAD_MODELS = [
    (VideoUpload, {**VIDEO, "duration_seconds": 12.5, "codec": "h264"}),
    (ImageUpload, {**IMAGE, "width": 1080, "purpose": "thumbnail"}),
    (
        PresignedUpload,
        {"upload_url": "https://s.test/u?sig=1", "public_url": "p", "expires_in": 900},
    ),
]
