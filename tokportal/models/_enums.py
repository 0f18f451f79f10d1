"""Open enums: known values as members, unknown ones kept as plain strings.

The API adds enum values inside a version (API.md §1.11), so a field typed
``BundleStatus | str`` holds ``BundleStatus.PUBLISHED`` for a known value and the plain
string for one this SDK has not heard of yet. Members are ``str`` subclasses, so comparing
with a string works either way.
"""

from __future__ import annotations

import enum


class OpenEnum(str, enum.Enum):
    """Base of the SDK's enums; see the module docstring."""

    def __str__(self) -> str:
        return str(self.value)


class Platform(OpenEnum):
    TIKTOK = "tiktok"
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"


class BundleType(OpenEnum):
    ACCOUNT_ONLY = "account_only"
    ACCOUNT_AND_VIDEOS = "account_and_videos"
    VIDEOS_ONLY = "videos_only"


class BundleStatus(OpenEnum):
    DRAFT = "draft"
    PENDING_SETUP = "pending_setup"
    PUBLISHED = "published"
    PUBLISHED_PRIORITY = "published_priority"
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ARCHIVED = "archived"


class AccountStatus(OpenEnum):
    PENDING = "pending"
    CONFIGURED = "configured"
    IN_REVIEW = "in_review"
    PENDING_CORRECTIONS = "pending_corrections"
    FINALIZED = "finalized"


class VideoStatus(OpenEnum):
    PENDING = "pending"
    CONFIGURED = "configured"
    PUBLISHED = "published"
    ACCEPTED = "accepted"
    IN_REVIEW = "in_review"
    PENDING_CORRECTIONS = "pending_corrections"
    FINALIZED = "finalized"


class VideoType(OpenEnum):
    VIDEO = "video"
    CAROUSEL = "carousel"
    STORY = "story"
