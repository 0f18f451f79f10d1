"""A bundle's video slots, and what configuring, importing and publishing them returns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from ._base import Model
from ._enums import InstagramContentType as InstagramContentType
from ._enums import VideoStatus, VideoType
from ._enums import YoutubeVisibility as YoutubeVisibility
from ._requests import VideoSlotConfig as VideoSlotConfig
from .common import ChargeInfo


@attrs.frozen(kw_only=True)
class Video(Model):
    """One video slot of a bundle, addressed by its 1-based ``position``.

    Also what publishing (``{video_id, position, bundle_id, status}``) and finalizing
    (``{position, status, finalized_at}``) a slot return. ``id`` is filled from ``id`` or
    ``video_id``; ``post_url`` (the live post, once published) from ``post_url`` or
    ``posted_url``.
    """

    __wire_names__ = {"id": ("id", "video_id"), "post_url": ("post_url", "posted_url")}

    id: str | None = None
    bundle_id: str | None = None
    position: int
    status: VideoStatus | str
    video_type: VideoType | str | None = None
    target_publish_date: dt.date | None = None
    # Their format is not documented (a day is the likely reading): kept as sent.
    target_publish_start_date: str | None = None
    target_publish_end_date: str | None = None
    description: str | None = None
    name: str | None = None
    external_ref: str | None = None
    video_url: str | None = None
    carousel_images: list[str] | None = None
    carousel_title: str | None = None
    story_image_url: str | None = None
    story_repost_url: str | None = None
    instant_repost_as_story: bool | None = None
    tiktok_sound_url: str | None = None
    volume_original_sound: int | None = None
    volume_added_sound: int | None = None
    youtube_sound_url: str | None = None
    instagram_content_type: InstagramContentType | str | None = None
    instagram_location: str | None = None
    instagram_collaborators: list[str] | None = None
    instagram_audio_name: str | None = None
    instagram_add_to_story: bool | None = None
    youtube_title: str | None = None
    youtube_tags: list[str] | None = None
    youtube_category: str | None = None
    youtube_visibility: YoutubeVisibility | str | None = None
    ai_content_disclaimer: bool | None = None
    disclose_as_ads: bool | None = None
    editing_instructions: str | None = None
    post_url: str | None = None
    evidence_screenshot: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    published_at: dt.datetime | None = None
    finalized_at: dt.datetime | None = None

    @property
    def video_id(self) -> str | None:
        """The video's id (use it for analytics and ad codes)."""
        return self.id


@attrs.frozen(kw_only=True)
class VideoResult(ChargeInfo):
    """A slot configuration's whole response: the slot, plus any add-on charge (sound
    volume, story repost, instant repost as story cost 1 credit each)."""

    __wire_names__ = {"video": ("data",)}

    video: Video


@attrs.frozen(kw_only=True)
class BatchVideoError(Model):
    """One slot of a batch that was not configured; fix it and resend only these."""

    position: int | None = None
    index: int | None = None
    code: str | None = None
    message: str | None = None
    details: Mapping[str, Any] | None = None


@attrs.frozen(kw_only=True)
class VideoBatch(Model):
    """``data`` of a batch configuration: per-position successes and failures."""

    __wire_names__ = {
        "configured": ("configured", "videos"),
        "errors": ("errors", "failures", "failed"),
    }

    configured: list[Video] | None = None
    errors: list[BatchVideoError] | None = None
    configured_count: int | None = None
    failed_count: int | None = None


@attrs.frozen(kw_only=True)
class BatchConfigureResult(ChargeInfo):
    """``PUT /bundles/{id}/videos/batch``: partial failures are reported per position."""

    __wire_names__ = {"batch": ("data",)}

    batch: VideoBatch | None = None

    @property
    def configured(self) -> list[Video]:
        """The slots configured by the batch."""
        return list(self.batch.configured or []) if self.batch else []

    @property
    def errors(self) -> list[BatchVideoError]:
        """The slots refused, each with its error."""
        return list(self.batch.errors or []) if self.batch else []

    @property
    def failed_positions(self) -> list[int]:
        """The positions to fix and send again."""
        return [e.position for e in self.errors if e.position is not None]


@attrs.frozen(kw_only=True)
class CsvRowError(Model):
    """A CSV row that was not imported (``row`` as the API numbers it)."""

    row: int
    message: str


@attrs.frozen(kw_only=True)
class CsvImport(Model):
    """``data`` of a CSV import: valid rows are imported even when others fail."""

    imported: int
    skipped: int
    errors: list[CsvRowError]


@attrs.frozen(kw_only=True)
class CsvImportResult(ChargeInfo):
    """``POST /bundles/{id}/videos/import-csv``."""

    __wire_names__ = {"report": ("data",)}

    report: CsvImport

    @property
    def imported(self) -> int:
        """Rows imported."""
        return self.report.imported

    @property
    def skipped(self) -> int:
        """Rows skipped."""
        return self.report.skipped

    @property
    def errors(self) -> list[CsvRowError]:
        """The rows refused, each with its line and message."""
        return list(self.report.errors)


@attrs.frozen(kw_only=True)
class PublishAllResult(Model):
    """``POST /bundles/{id}/videos/publish-all``: every ``configured`` slot sent to the
    account manager."""

    bundle_id: str
    videos_published: int
    video_ids: list[str]
