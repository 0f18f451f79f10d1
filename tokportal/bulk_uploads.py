"""Concurrent bulk uploads for the async client — **async only**.

``await upload_many(client, [UploadItem(file="a.mp4", bundle_id=...), ...], concurrency=4)``
uploads side by side and returns every file's result or error (one failure never loses the
others). The blocking ``TokPortal`` client has no equivalent: loop over
``client.uploads.video(...)``.
"""

from __future__ import annotations

from ._async.bulk_uploads import (
    BulkUploadResult,
    FileProgress,
    UploadItem,
    UploadOutcome,
    upload_many,
)

__all__ = ["BulkUploadResult", "FileProgress", "UploadItem", "UploadOutcome", "upload_many"]
