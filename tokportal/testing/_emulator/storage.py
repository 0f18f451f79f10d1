"""The emulator's stand-in for object storage: presigned PUTs and public file reads.

These paths sit outside ``/api/ext`` and need no API key, like a real storage bucket; a PUT must
carry exactly the Content-Type that was signed (403 otherwise), as with S3/R2 presigned URLs.
"""

from __future__ import annotations

from datetime import datetime

from .http import ApiError, Reply
from .state import StoredObject, World

STORAGE_PREFIX = "/_emulator/storage/"
FILES_PREFIX = "/_emulator/files/"


def is_storage_path(path: str) -> bool:
    return path.startswith((STORAGE_PREFIX, FILES_PREFIX))


def handle(
    world: World, method: str, path: str, content_type: str | None, body: bytes, now: datetime
) -> Reply:
    if path.startswith(STORAGE_PREFIX):
        if method != "PUT":
            raise ApiError(
                405,
                "METHOD_NOT_ALLOWED",
                "Presigned upload URLs accept PUT only.",
                headers={"Allow": "PUT"},
            )
        return put(world, path[len(STORAGE_PREFIX) :], content_type, body, now)
    if method not in ("GET", "HEAD"):
        raise ApiError(
            405, "METHOD_NOT_ALLOWED", "Files are read-only.", headers={"Allow": "GET, HEAD"}
        )
    stored = world.storage.get(path[len(FILES_PREFIX) :])
    if stored is None:
        raise ApiError(404, "NOT_FOUND", "No such file.")
    return Reply(body=stored.content if method == "GET" else b"", content_type=stored.content_type)


def put(world: World, token: str, content_type: str | None, body: bytes, now: datetime) -> Reply:
    pending = world.pending_uploads.get(token)
    if pending is None:
        raise ApiError(404, "UPLOAD_URL_NOT_FOUND", "This upload URL does not exist.")
    if now > pending.expires_at:
        raise ApiError(403, "UPLOAD_URL_EXPIRED", "This upload URL has expired.")
    if content_type != pending.content_type:
        raise ApiError(
            403,
            "SIGNATURE_DOES_NOT_MATCH",
            "The Content-Type does not match the one the URL was signed for.",
            {"expected_content_type": pending.content_type},
        )
    world.storage[pending.path] = StoredObject(
        content=body, content_type=content_type, created_at=now
    )
    return Reply(
        status=200, body=b"", content_type="", headers={"ETag": f'"{len(body):x}-{token[:8]}"'}
    )
