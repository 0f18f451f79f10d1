"""Wire cases of the upload operations (direct multipart, presigned, from URL)."""

from __future__ import annotations

from .case import WireCase

WIRE_CASES = [
    WireCase(
        operation_id="uploadVideo",
        call=lambda c: c.uploads.presign_video(
            filename="clip.mp4", bundle_id="b/1", content_type="video/mp4"
        ),
        path="/upload/video",
        body={"filename": "clip.mp4", "content_type": "video/mp4", "bundle_id": "b/1"},
        response={"data": {"upload_url": "https://s.test/u?sig=x", "public_url": "https://p/v"}},
    ),
    WireCase(
        operation_id="uploadVideoDirect",
        call=lambda c: c.uploads.video(b"video-bytes", bundle_id="b/1", filename="clip.mp4"),
        path="/upload/video/direct",
        body={"file": "video-bytes", "bundle_id": "b/1"},
    ),
    WireCase(
        operation_id="uploadImage",
        call=lambda c: c.uploads.presign_image(
            filename="p.png", content_type="image/png", bundle_id="b1", purpose="carousel"
        ),
        path="/upload/image",
        body={
            "filename": "p.png",
            "content_type": "image/png",
            "bundle_id": "b1",
            "purpose": "carousel",
        },
    ),
    WireCase(
        operation_id="uploadImageDirect",
        call=lambda c: c.uploads.image(
            b"image-bytes", bundle_id="b/1", purpose="profile_picture", filename="me.jpg"
        ),
        path="/upload/image/direct",
        body={"file": "image-bytes", "bundle_id": "b/1", "purpose": "profile_picture"},
    ),
    WireCase(
        operation_id="uploadImageFromUrl",
        call=lambda c: c.uploads.image_from_url(
            url="https://cdn.example.com/p.jpg", bundle_id="b/1"
        ),
        path="/upload/image/from-url",
        body={"url": "https://cdn.example.com/p.jpg", "bundle_id": "b/1"},
    ),
]
