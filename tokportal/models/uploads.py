"""Uploads: what a direct, presigned or from-URL upload gives back."""

from __future__ import annotations

import attrs

from ._base import Model
from ._enums import ImagePurpose as ImagePurpose


@attrs.frozen(kw_only=True)
class VideoUpload(Model):
    """A stored video. Put :attr:`public_url` in a video slot's ``video_url``."""

    public_url: str | None = None
    """The hosted video: the value for ``video_url`` when configuring a slot."""
    filename: str | None = None
    size_bytes: int | None = None
    content_type: str | None = None


@attrs.frozen(kw_only=True)
class ImageUpload(Model):
    """A stored image.

    Use :attr:`storage_path` (not :attr:`public_url`) in ``profile_picture_url`` (account
    configuration, after ``purpose="profile_picture"``) and in ``carousel_images``. A
    ``public_url`` is a viewable link; the one a video slot's ``video_url`` takes comes from
    a video upload (:class:`VideoUpload`).
    """

    storage_path: str | None = None
    """E.g. ``carousel-images/org_x/<bundle>/photo.jpg``: the value for ``profile_picture_url``
    and for each ``carousel_images`` entry."""
    public_url: str | None = None
    """A public link to view the image; not accepted where ``storage_path`` is expected."""
    filename: str | None = None
    size_bytes: int | None = None
    content_type: str | None = None


@attrs.frozen(kw_only=True)
class PresignedUpload(Model):
    """A short-lived capability to ``PUT`` one file to storage.

    :attr:`upload_url` is a **secret**: anyone holding it can write the file. It is left out
    of ``repr``/``str`` and never logged by the SDK; do not log it yourself. ``PUT`` the
    bytes to it with exactly the Content-Type that was signed and no TokPortal headers, or
    let ``uploads.video_via_presigned_url`` / ``image_via_presigned_url`` do it.
    """

    upload_url: str | None = attrs.field(default=None, repr=False)
    """Where to ``PUT`` the bytes (secret)."""
    public_url: str | None = None
    """Videos: the value for a slot's ``video_url`` once the PUT succeeded."""
    storage_path: str | None = None
    """Images: the value for ``profile_picture_url`` / ``carousel_images``."""
