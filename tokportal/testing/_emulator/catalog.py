"""Reference data served by the emulator: countries, platforms, the webhook event catalog."""

from __future__ import annotations

from typing import Any

from ..._core.config import API_VERSION

API_STABILITY = "stable"

PLATFORMS_ORDERABLE = ("tiktok", "instagram")
PLATFORMS_ALL = ("tiktok", "instagram", "youtube")
BUNDLE_TYPES = ("account_only", "account_and_videos", "videos_only")
BUNDLE_STATUSES = (
    "draft",
    "pending_setup",
    "published",
    "published_priority",
    "accepted",
    "completed",
    "cancelled",
    "archived",
)

# (code, name, aliases). ISO-3 style codes as in API.md's examples; ISO-2 and common names
# are accepted as aliases on input and normalised to the code.
COUNTRIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("USA", "United States", ("US",)),
    ("GBR", "United Kingdom", ("GB", "UK")),
    ("FRA", "France", ("FR",)),
    ("DEU", "Germany", ("DE",)),
    ("ESP", "Spain", ("ES",)),
    ("ITA", "Italy", ("IT",)),
    ("CAN", "Canada", ("CA",)),
    ("AUS", "Australia", ("AU",)),
    ("BRA", "Brazil", ("BR",)),
    ("MEX", "Mexico", ("MX",)),
    ("PHL", "Philippines", ("PH",)),
    ("IDN", "Indonesia", ("ID",)),
    ("JPN", "Japan", ("JP",)),
    ("KOR", "South Korea", ("KR",)),
    ("NLD", "Netherlands", ("NL",)),
    ("POL", "Poland", ("PL",)),
    ("SWE", "Sweden", ("SE",)),
    ("ARE", "United Arab Emirates", ("AE",)),
)
VIDEOS_ONLY_COUNTRIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("IND", "India", ("IN",)),
    ("TUR", "Turkey", ("TR",)),
    ("NGA", "Nigeria", ("NG",)),
)


def _alias_table(rows: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, _name, aliases in rows:
        for alias in (code, *aliases):
            table[alias.upper()] = code
    return table


_ENABLED = _alias_table(COUNTRIES)
_VIDEOS_ONLY = _alias_table(VIDEOS_ONLY_COUNTRIES)


def enabled_country(value: str) -> str | None:
    """The canonical code of a country open for new accounts, or ``None``."""
    return _ENABLED.get(value.strip().upper())


def any_country(value: str) -> str | None:
    key = value.strip().upper()
    return _ENABLED.get(key) or _VIDEOS_ONLY.get(key)


def country_rows(rows: tuple[tuple[str, str, tuple[str, ...]], ...]) -> list[dict[str, Any]]:
    return [{"code": c, "name": n, "aliases": list(a)} for c, n, a in rows]


def platforms() -> list[dict[str, Any]]:
    return [
        {"id": "tiktok", "name": "TikTok", "orderable": True, "account_creation_cost": 32},
        {"id": "instagram", "name": "Instagram", "orderable": True, "account_creation_cost": 32},
        {
            "id": "youtube",
            "name": "YouTube",
            "orderable": False,
            "account_creation_cost": 100,
            "notice": "YouTube bundles cannot be ordered through the API (YOUTUBE_DELAYED).",
        },
    ]


# The 34 documented event types (the SDK's enum), with what each means.
EVENT_TYPES: dict[str, str] = {
    "webhook.test": "A test delivery sent by POST /webhooks/{id}/test.",
    "bundle.created": "A bundle was created (and paid for).",
    "bundle.published": "A bundle was published to the account manager.",
    "bundle.cancelled": "A bundle was cancelled.",
    "bundle.archived": "A bundle was archived.",
    "account.configured": "The bundle account profile was configured.",
    "account.published": "The bundle account was sent to the account manager.",
    "account.in_review": "The account is built and waits for the client's review.",
    "account.pending_corrections": "The client asked for account corrections.",
    "account.finalized": "The account was approved and delivered.",
    "account.remade": "A banned account was remade; saved_account_id changes.",
    "account.banned": "A delivered account was banned.",
    "account.ban_appeal.submitted": "A ban appeal was submitted.",
    "account.ban_appeal.resolved": "A ban appeal was resolved.",
    "account.ban_resolution.decided": "A ban resolution (refund/remake/no_remake) was decided.",
    "video.configured": "A video slot was configured.",
    "video.in_review": "A video was posted and waits for the client's review.",
    "video.published": "A video slot was published to the account manager.",
    "video.pending_corrections": "The client asked for video corrections.",
    "video.finalized": "A video was approved (by the client or automatically after 72 h).",
    "warming.session_started": "An Advanced Niche Warming session started.",
    "warming.term_verified": "One warming target was verified.",
    "warming.session_completed": "All warming targets were verified.",
    "subscription.renewed": "TokPortal Coverage renewed for 30 days.",
    "subscription.lapsed": "TokPortal Coverage lapsed (renewal could not be paid).",
    "subscription.cancelled": "TokPortal Coverage was paused by the client.",
    "subscription.reactivated": "TokPortal Coverage was reactivated.",
    "subscription.ended": "TokPortal Coverage ended for good (e.g. after a credential reveal).",
    "account.revealed": "Credentials or a verification code were revealed.",
    "credits.restored": "Credits were restored (refund); they expire after 60 days.",
    # The 4 types the newest webhooks page adds (API.md §1.12 names them, nothing more).
    "video.not_recommended": "The platform stopped recommending a posted video.",
    "video.ai_labeled": "The platform labeled a posted video as AI-generated content.",
    "video.sound_restricted": "The sound of a posted video was restricted by the platform.",
    "account.distribution_warning": "The platform warned that the account's reach is limited.",
}
VIDEO_FLAGS = ("not_recommended", "ai_labeled", "sound_restricted")


def event_catalog() -> dict[str, Any]:
    events = [
        {
            "type": name,
            "description": description,
            "emitted": True,  # each has a trigger: an API call, a simulated step, a test helper
            "example_payload": {
                "id": "evt_00000000000000000000000000000000",
                "type": name,
                "api_version": API_VERSION,
                "created_at": "2026-05-25T12:00:00.000Z",
                "data": {},
            },
            "payload_schema": {"type": "object"},
        }
        for name, description in EVENT_TYPES.items()
    ]
    return {
        "events": events,
        "envelope": {
            "fields": ["id", "type", "api_version", "created_at", "data"],
            "api_version": API_VERSION,
        },
        "delivery": {
            "method": "POST",
            "content_type": "application/json",
            "headers": ["TokPortal-Event-Id", "TokPortal-Event-Type", "TokPortal-Signature"],
            "success": "any 2xx response",
            "timeout_seconds": 10,
        },
        "signature": {
            "header": "TokPortal-Signature",
            "format": "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + '.' + raw body)>",
            "tolerance_seconds": 300,
        },
    }
