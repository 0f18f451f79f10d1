"""Tables and payloads of ``tests/_async/test_presigned.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

SIGNATURE = "d3adb33fc0ffee0123456789abcdef"

UPLOAD_URL = (
    "https://acct.r2.cloudflarestorage.com/videos/b1/clip.mp4"
    f"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-Signature={SIGNATURE}"
)

PRESIGNED_IMAGE = {
    "upload_url": UPLOAD_URL,
    "public_url": "https://pub-x.r2.dev/carousel-images/org/b1/p.png",
    "storage_path": "carousel-images/org/b1/p.png",
}

PRESIGN_IMAGE_REFUSALS = [
    ({"filename": "p.png", "content_type": "", "bundle_id": "b1"}, "content_type"),
    ({"filename": "", "content_type": "image/png", "bundle_id": "b1"}, "filename"),
    ({"filename": "p.png", "content_type": "image/png", "bundle_id": " "}, "bundle_id"),
    (
        {"filename": "p.png", "content_type": "image/png", "bundle_id": "b1", "purpose": "x"},
        "purpose",
    ),
]
