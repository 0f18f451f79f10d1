"""Media uploads: direct multipart, presigned PUT, import from URL (API.md §1.13, §2.10).

Bytes are kept in memory (``World.storage``) and served back by the emulator itself under
``/_emulator/files/<path>``; presigned URLs point at ``/_emulator/storage/<token>``.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ..context import Ctx
from ..http import Body, FormPart, Reply, iso, ok, validation
from ..state import Bundle, PendingUpload, StoredObject
from ..storage import FILES_PREFIX, STORAGE_PREFIX

PURPOSES = ("carousel", "profile_picture")
PRESIGN_LIFETIME = timedelta(hours=1)


def safe_filename(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip("-.")
    return cleaned or "upload"


def guess_type(filename: str, fallback: str) -> str:
    return mimetypes.guess_type(filename)[0] or fallback


def video_path(ctx: Ctx, bundle: Bundle, filename: str) -> str:
    ctx.workspace.upload_counter += 1
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "mp4"
    return f"videos/{bundle.id}/{ctx.workspace.upload_counter}.{ext}"


def image_path(ctx: Ctx, bundle: Bundle, filename: str, purpose: str) -> str:
    ctx.workspace.upload_counter += 1
    folder = "profile-pictures" if purpose == "profile_picture" else "carousel-images"
    return (
        f"{folder}/org_{ctx.workspace.id[:8]}/{bundle.id}/{ctx.workspace.upload_counter}-{filename}"
    )


def public_url(ctx: Ctx, path: str) -> str:
    return f"{ctx.origin}{FILES_PREFIX}{path}"


def store(ctx: Ctx, path: str, content: bytes, content_type: str) -> None:
    ctx.world.storage[path] = StoredObject(
        content=content, content_type=content_type, created_at=ctx.now
    )


def described(
    ctx: Ctx, path: str, filename: str, size: int, content_type: str, *, image: bool
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "public_url": public_url(ctx, path),
        "filename": filename,
        "size_bytes": size,
        "content_type": content_type,
    }
    if image:
        data["storage_path"] = path
    return data


# -- direct multipart --------------------------------------------------------------------------


def form_upload(ctx: Ctx) -> tuple[Bundle, FormPart]:
    form = ctx.form or {}
    bundle_part = form.get("bundle_id")
    if bundle_part is None or not bundle_part.text.strip():
        raise validation("bundle_id", "is required")
    file = form.get("file")
    if file is None or (file.filename is None and not file.content):
        raise validation("file", "a file part is required")
    return ctx.bundle(bundle_part.text.strip()), file


def upload_video_direct(ctx: Ctx) -> Reply:
    bundle, file = form_upload(ctx)
    filename = safe_filename(file.filename or "video.mp4")
    content_type = file.content_type or guess_type(filename, "video/mp4")
    if content_type == "application/octet-stream":
        content_type = guess_type(filename, content_type)
    path = video_path(ctx, bundle, filename)
    store(ctx, path, file.content, content_type)
    return ok(described(ctx, path, filename, len(file.content), content_type, image=False))


def read_purpose_text(raw: str | None) -> str:
    purpose = (raw or "carousel").strip() or "carousel"
    if purpose not in PURPOSES:
        raise validation("purpose", "must be carousel or profile_picture", allowed=list(PURPOSES))
    return purpose


def upload_image_direct(ctx: Ctx) -> Reply:
    bundle, file = form_upload(ctx)
    purpose_part = (ctx.form or {}).get("purpose")
    purpose = read_purpose_text(purpose_part.text if purpose_part else None)
    filename = safe_filename(file.filename or "image.jpg")
    content_type = file.content_type or guess_type(filename, "image/jpeg")
    if content_type == "application/octet-stream":
        content_type = guess_type(filename, content_type)
    path = image_path(ctx, bundle, filename, purpose)
    store(ctx, path, file.content, content_type)
    return ok(
        {
            **described(ctx, path, filename, len(file.content), content_type, image=True),
            "purpose": purpose,
        }
    )


# -- presigned ----------------------------------------------------------------------------------


def presign(ctx: Ctx, path: str, content_type: str) -> dict[str, Any]:
    token = ctx.ids.token(40)
    expires = ctx.now + PRESIGN_LIFETIME
    ctx.world.pending_uploads[token] = PendingUpload(
        token=token,
        workspace_id=ctx.workspace.id,
        path=path,
        content_type=content_type,
        expires_at=expires,
    )
    return {
        "upload_url": f"{ctx.origin}{STORAGE_PREFIX}{token}",
        "method": "PUT",
        "headers": {"Content-Type": content_type},
        "expires_at": iso(expires),
    }


def read_presign(body: Body, *, content_type_required: bool, default_type: str) -> tuple[str, str]:
    # Their documented rules (required, not blank) are the field table's, checked before.
    filename = safe_filename(body.text("filename", required=True))
    content_type = body.text("content_type", required=content_type_required)
    return filename, content_type or guess_type(filename, default_type)


def presign_video(ctx: Ctx) -> Reply:
    filename, content_type = read_presign(
        ctx.body, content_type_required=False, default_type="video/mp4"
    )
    bundle = ctx.bundle(ctx.body.text("bundle_id", required=True))
    path = video_path(ctx, bundle, filename)
    data = {
        **presign(ctx, path, content_type),
        "public_url": public_url(ctx, path),
        "filename": filename,
        "content_type": content_type,
    }
    return ok(data)


def presign_image(ctx: Ctx) -> Reply:
    filename, content_type = read_presign(
        ctx.body, content_type_required=True, default_type="image/jpeg"
    )
    bundle = ctx.bundle(ctx.body.text("bundle_id", required=True))
    purpose = ctx.body.enum("purpose", PURPOSES, default="carousel")
    path = image_path(ctx, bundle, filename, purpose)
    data = {
        **presign(ctx, path, content_type),
        "public_url": public_url(ctx, path),
        "storage_path": path,
        "filename": filename,
        "content_type": content_type,
        "purpose": purpose,
    }
    return ok(data)


def image_from_url(ctx: Ctx) -> Reply:
    url = ctx.body.text("url", required=True)  # an http(s) URL: the field table
    bundle = ctx.bundle(ctx.body.text("bundle_id", required=True))
    purpose = ctx.body.enum("purpose", PURPOSES, default="carousel")
    filename = safe_filename(url.split("?", 1)[0]) or "image.jpg"
    content_type = guess_type(filename, "image/jpeg")
    path = image_path(ctx, bundle, filename, purpose)
    # The emulator never leaves the machine: it records the source URL instead of fetching it.
    store(ctx, path, b"", content_type)
    return ok(
        {
            **described(ctx, path, filename, 0, content_type, image=True),
            "purpose": purpose,
            "source_url": url,
        }
    )


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "uploadVideo": presign_video,
    "uploadVideoDirect": upload_video_direct,
    "uploadImage": presign_image,
    "uploadImageDirect": upload_image_direct,
    "uploadImageFromUrl": image_from_url,
}
