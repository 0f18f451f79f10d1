"""Direct and presigned uploads (API.md §1.13)."""

from __future__ import annotations

import httpx

from tokportal.testing import Emulator

from .conftest import create_bundle


def test_direct_uploads(any_client: httpx.Client) -> None:
    bundle_id = create_bundle(any_client)["id"]
    video = any_client.post(
        "/upload/video/direct",
        files={"file": ("clip.mp4", b"0" * 1000, "video/mp4")},
        data={"bundle_id": bundle_id},
    )
    data = video.json()["data"]
    assert (data["filename"], data["size_bytes"], data["content_type"]) == (
        "clip.mp4",
        1000,
        "video/mp4",
    )
    assert "storage_path" not in data
    served = any_client.get(data["public_url"])
    assert served.content == b"0" * 1000
    image = any_client.post(
        "/upload/image/direct",
        files={"file": ("p.png", b"\x89PNG", "image/png")},
        data={"bundle_id": bundle_id, "purpose": "carousel"},
    ).json()["data"]
    assert image["storage_path"].startswith("carousel-images/") and image["purpose"] == "carousel"
    bad = any_client.post(
        "/upload/image/direct",
        files={"file": ("p.png", b"x", "image/png")},
        data={"bundle_id": bundle_id, "purpose": "banner"},
    )
    assert bad.json()["error"]["details"]["field"] == "purpose"
    missing = any_client.post(
        "/upload/video/direct",
        files={"file": ("c.mp4", b"x", "video/mp4")},
        data={"bundle_id": "nope"},
    )
    assert missing.json()["error"]["code"] == "BUNDLE_NOT_FOUND"


def test_presigned_put_without_api_key(emu: Emulator, any_client: httpx.Client) -> None:
    bundle_id = create_bundle(any_client)["id"]
    presigned = any_client.post(
        "/upload/image",
        json={"filename": "a.jpg", "content_type": "image/jpeg", "bundle_id": bundle_id},
    ).json()["data"]
    upload_url = presigned["upload_url"]
    assert "/_emulator/storage/" in upload_url
    # The storage URL is reached like a bucket: no API key, whichever way the API was reached.
    in_process = not upload_url.startswith("http://127.0.0.1")
    transport = emu.transport if in_process else None
    with httpx.Client(transport=transport, trust_env=False) as anonymous:
        check_presigned(emu, any_client, anonymous, presigned, bundle_id)


def check_presigned(
    emu: Emulator,
    any_client: httpx.Client,
    anonymous: httpx.Client,
    presigned: dict[str, str],
    bundle_id: str,
) -> None:
    upload_url = presigned["upload_url"]
    mismatch = anonymous.put(upload_url, content=b"jpeg", headers={"Content-Type": "image/png"})
    assert mismatch.status_code == 403
    stored = anonymous.put(
        upload_url, content=b"jpeg-bytes", headers={"Content-Type": "image/jpeg"}
    )
    assert stored.status_code == 200
    assert anonymous.get(presigned["public_url"]).content == b"jpeg-bytes"
    emu.advance(hours=2)
    expired = anonymous.put(upload_url, content=b"late", headers={"Content-Type": "image/jpeg"})
    assert expired.status_code == 403
    video = any_client.post(
        "/upload/video", json={"filename": "v.mov", "bundle_id": bundle_id}
    ).json()["data"]
    assert video["content_type"] == "video/quicktime"
    assert (
        any_client.post(
            "/upload/image", json={"filename": "a.jpg", "bundle_id": bundle_id}
        ).status_code
        == 400
    )


def test_image_from_url(client: httpx.Client) -> None:
    bundle_id = create_bundle(client)["id"]
    data = client.post(
        "/upload/image/from-url",
        json={
            "url": "https://cdn.example.com/pic.jpg?x=1",
            "bundle_id": bundle_id,
            "purpose": "profile_picture",
        },
    ).json()["data"]
    assert data["storage_path"].startswith("profile-pictures/") and data["filename"] == "pic.jpg"
