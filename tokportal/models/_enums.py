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
    """A platform TokPortal orders accounts on."""

    TIKTOK = "tiktok"
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"


class BundleType(OpenEnum):
    """What a bundle buys: an account, an account and video slots, or videos for a delivered account."""

    ACCOUNT_ONLY = "account_only"
    ACCOUNT_AND_VIDEOS = "account_and_videos"
    VIDEOS_ONLY = "videos_only"


class BundleStatus(OpenEnum):
    """Where a bundle is, from its creation to its delivery."""

    DRAFT = "draft"
    PENDING_SETUP = "pending_setup"
    PUBLISHED = "published"
    PUBLISHED_PRIORITY = "published_priority"
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ARCHIVED = "archived"


class AccountStatus(OpenEnum):
    """Where a bundle's account is in its set-up and review."""

    PENDING = "pending"
    CONFIGURED = "configured"
    IN_REVIEW = "in_review"
    PENDING_CORRECTIONS = "pending_corrections"
    FINALIZED = "finalized"


class VideoStatus(OpenEnum):
    """Where a video slot is, from configuration to review."""

    PENDING = "pending"
    CONFIGURED = "configured"
    PUBLISHED = "published"
    ACCEPTED = "accepted"
    IN_REVIEW = "in_review"
    PENDING_CORRECTIONS = "pending_corrections"
    FINALIZED = "finalized"


class VideoType(OpenEnum):
    """What a video slot posts: a video, a carousel of images, or a story."""

    VIDEO = "video"
    CAROUSEL = "carousel"
    STORY = "story"


class InstagramContentType(OpenEnum):
    """With ``carousel``: ``reel`` is a "Fixed Photos" video, ``post`` a swipeable carousel."""

    REEL = "reel"
    POST = "post"


class YoutubeVisibility(OpenEnum):
    """Who can see a YouTube upload."""

    PUBLIC = "public"
    UNLISTED = "unlisted"
    PRIVATE = "private"


class AnalyticsMetric(OpenEnum):
    """A metric of the analytics series."""

    VIEWS = "views"
    LIKES = "likes"
    COMMENTS = "comments"
    SHARES = "shares"
    FOLLOWERS = "followers"


class AnalyticsGranularity(OpenEnum):
    """The bucket size of an analytics series."""

    DAY = "day"
    WEEK = "week"


class AnalyticsMode(OpenEnum):
    """``cumulative`` totals, ``gained`` per bucket, or the raw ``snapshot`` values."""

    CUMULATIVE = "cumulative"
    GAINED = "gained"
    SNAPSHOT = "snapshot"


class ReportTemplate(OpenEnum):
    """The layout of an exported analytics report."""

    EXECUTIVE = "executive"
    AGENCY = "agency"
    CREATOR = "creator"
    MINIMAL = "minimal"
    GROWTH = "growth"
    BOARD = "board"


class CommentTargetType(OpenEnum):
    """``comment`` replies to one comment (TikTok only); ``video`` comments under a video."""

    VIDEO = "video"
    COMMENT = "comment"


class ImagePurpose(OpenEnum):
    """What an uploaded image is for (``carousel`` when not said)."""

    CAROUSEL = "carousel"
    PROFILE_PICTURE = "profile_picture"


class WebhookEventType(OpenEnum):
    """Known event types (API.md §1.12). Open: unknown types stay plain ``str``."""

    WEBHOOK_TEST = "webhook.test"
    BUNDLE_CREATED = "bundle.created"
    BUNDLE_PUBLISHED = "bundle.published"
    BUNDLE_CANCELLED = "bundle.cancelled"
    BUNDLE_ARCHIVED = "bundle.archived"
    ACCOUNT_CONFIGURED = "account.configured"
    ACCOUNT_PUBLISHED = "account.published"
    ACCOUNT_IN_REVIEW = "account.in_review"
    ACCOUNT_PENDING_CORRECTIONS = "account.pending_corrections"
    ACCOUNT_FINALIZED = "account.finalized"
    ACCOUNT_REMADE = "account.remade"
    ACCOUNT_BANNED = "account.banned"
    ACCOUNT_BAN_APPEAL_SUBMITTED = "account.ban_appeal.submitted"
    ACCOUNT_BAN_APPEAL_RESOLVED = "account.ban_appeal.resolved"
    ACCOUNT_BAN_RESOLUTION_DECIDED = "account.ban_resolution.decided"
    ACCOUNT_REVEALED = "account.revealed"
    ACCOUNT_DISTRIBUTION_WARNING = "account.distribution_warning"
    VIDEO_CONFIGURED = "video.configured"
    VIDEO_IN_REVIEW = "video.in_review"
    VIDEO_PUBLISHED = "video.published"
    VIDEO_PENDING_CORRECTIONS = "video.pending_corrections"
    VIDEO_FINALIZED = "video.finalized"
    VIDEO_NOT_RECOMMENDED = "video.not_recommended"
    VIDEO_AI_LABELED = "video.ai_labeled"
    VIDEO_SOUND_RESTRICTED = "video.sound_restricted"
    WARMING_SESSION_STARTED = "warming.session_started"
    WARMING_TERM_VERIFIED = "warming.term_verified"
    WARMING_SESSION_COMPLETED = "warming.session_completed"
    SUBSCRIPTION_RENEWED = "subscription.renewed"
    SUBSCRIPTION_LAPSED = "subscription.lapsed"
    SUBSCRIPTION_CANCELLED = "subscription.cancelled"
    SUBSCRIPTION_REACTIVATED = "subscription.reactivated"
    SUBSCRIPTION_ENDED = "subscription.ended"
    CREDITS_RESTORED = "credits.restored"

    @classmethod
    def parse(cls, value: str) -> WebhookEventType | str:
        """The member for a known type, else ``value`` unchanged."""
        try:
            return cls(value)
        except ValueError:
            return value
