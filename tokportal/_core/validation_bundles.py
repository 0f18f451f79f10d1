"""Local checks for bulk bundle creation, slot purchases, a bundle's account and its video
slots (API.md §2.2–§2.4). Only documented rules: see ``validation``'s docstring.

Each ``check_*`` is a ``validation.Rule``: it takes the fields the caller gave (``NOT_GIVEN``
already dropped) and returns the body to send, with dates written ``YYYY-MM-DD``; the caller's
mappings are never mutated.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..models._enums import BundleType
from . import validation as check

ORDERABLE_PLATFORMS = frozenset({"tiktok", "instagram"})
# Platforms the API knows but does not sell bundles on (API.md §2.2: YOUTUBE_DELAYED).
NOT_ORDERABLE = {"youtube": "YouTube bundles cannot be ordered through the API (YOUTUBE_DELAYED)"}
VIDEO_TYPES = frozenset({"video", "carousel", "story"})
INSTAGRAM_CONTENT_TYPES = frozenset({"reel", "post"})
YOUTUBE_VISIBILITIES = frozenset({"public", "unlisted", "private"})
USERNAME_PATTERN = r"[A-Za-z0-9_.]+"
MAX_REF_LENGTH = 200
STRING_LISTS = ("carousel_images", "instagram_collaborators", "youtube_tags")
VOLUMES = ("volume_original_sound", "volume_added_sound")
PATCH_FIELDS = (
    "external_ref",
    "name",
    "description",
    "target_publish_date",
    "target_publish_start_date",
    "target_publish_end_date",
)
PATCH_DATES = PATCH_FIELDS[3:]


# -- bundles ---------------------------------------------------------------------------------

BUNDLE_TYPES = frozenset(t.value for t in BundleType)
NEEDS_VIDEOS = frozenset({"account_and_videos", "videos_only"})
NEEDS_COUNTRY = frozenset({"account_only", "account_and_videos"})


def orderable_platform(field: str, value: Any) -> str:
    """A platform to order on: an open set (a new one is sent as given), except the ones
    API.md says cannot be ordered."""
    text = check.open_choice(field, value, ORDERABLE_PLATFORMS | NOT_ORDERABLE.keys())
    if text in NOT_ORDERABLE:
        raise check.refuse(field, value, NOT_ORDERABLE[text])
    return text


def check_create(given: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """The documented rules of ``createBundle`` (API.md §2.2).

    ``bundle_type`` and ``platform`` are open sets: a type this SDK does not know is sent
    as given, and the rules that depend on the type are left to the API for it.
    """
    fields = dict(given)
    bundle_type = check.open_choice("bundle_type", fields["bundle_type"], BUNDLE_TYPES)
    fields["bundle_type"] = bundle_type
    if "platform" in fields:
        fields["platform"] = orderable_platform("platform", fields["platform"])
    known = bundle_type in BUNDLE_TYPES
    if known and bundle_type in NEEDS_COUNTRY and not check.given(fields.get("country")):
        raise check.refuse("country", fields.get("country"), f"is required for {bundle_type}")
    if "account_id" in fields:
        if known and bundle_type != "videos_only":
            raise check.refuse(
                "account_id", fields["account_id"], "is only allowed with bundle_type videos_only"
            )
        check.non_empty("account_id", fields["account_id"])
    elif bundle_type == "videos_only":
        raise check.refuse("account_id", None, "is required for bundle_type videos_only")
    videos = fields.get("videos_quantity")
    if known and bundle_type in NEEDS_VIDEOS and videos is None:
        raise check.refuse("videos_quantity", None, f"is required for {bundle_type}")
    if videos is not None:
        check.integer("videos_quantity", videos, minimum=1)
    if "edits_quantity" in fields:
        edits = fields["edits_quantity"]
        check.integer("edits_quantity", edits, minimum=0, maximum=videos or 0)
    for name in ("title", "external_ref"):
        if check.given(fields.get(name)):
            check.length(name, fields[name], max_length=200)
    check_advanced_warming(fields)
    check_legacy_warming(fields)
    return fields


def check_update(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``updateBundle``: at least one field; texts at most 200 characters (``None`` clears)."""
    if not fields and not has_extra:
        raise check.refuse(
            "title", None, "give at least one of title, external_ref, auto_finalize_videos"
        )
    for name in ("title", "external_ref"):
        if check.given(fields.get(name)):
            check.length(name, fields[name], max_length=MAX_REF_LENGTH)
    return dict(fields)


def check_advanced_warming(fields: dict[str, Any]) -> None:
    has_terms = "advanced_warming_terms" in fields
    has_count = "advanced_warming_terms_count" in fields
    if has_terms and has_count:
        raise check.refuse(
            "advanced_warming_terms_count",
            fields["advanced_warming_terms_count"],
            "give either advanced_warming_terms or advanced_warming_terms_count, not both",
        )
    if (has_terms or has_count) and fields.get("wants_advanced_warming") is not True:
        raise check.refuse(
            "wants_advanced_warming",
            fields.get("wants_advanced_warming"),
            "must be True when advanced warming terms (or a count) are given",
        )
    if fields.get("wants_advanced_warming") is True and not (has_terms or has_count):
        # API.md §2.2: advanced warming is bought "with either advanced_warming_terms_count
        # ... or advanced_warming_terms".
        raise check.refuse(
            "wants_advanced_warming",
            True,
            "needs advanced_warming_terms or advanced_warming_terms_count (how many to buy)",
        )
    if has_terms:
        fields["advanced_warming_terms"] = check.warming_terms(
            "advanced_warming_terms", fields["advanced_warming_terms"]
        )
    if has_count:
        check.warming_terms_count(
            "advanced_warming_terms_count", fields["advanced_warming_terms_count"]
        )


def text_of(value: Any) -> Any:
    """An enum member's value, anything else unchanged (callers may pass ``VideoType.STORY``)."""
    return value.value if isinstance(value, enum.Enum) else value


def quantity(value: Any) -> None:
    check.integer("quantity", value, minimum=1)


def check_slots(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``addVideoSlots`` / ``addEditSlots``: a positive ``quantity``."""
    quantity(fields["quantity"])
    return dict(fields)


def check_bulk(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``createBundlesBulk``; the advanced-warming fields follow the same rules as
    ``createBundle``."""
    body = dict(fields)
    platforms = body["platforms"]
    if isinstance(platforms, str) or not isinstance(platforms, Sequence):
        raise check.refuse("platforms", platforms, "must be a list of platforms")
    check.non_empty("platforms", platforms)
    body["platforms"] = [
        orderable_platform(f"platforms[{index}]", platform)
        for index, platform in enumerate(platforms)
    ]
    if not isinstance(body["country"], str):
        raise check.refuse("country", body["country"], "must be a country code string")
    check.non_empty("country", body["country"])
    accounts = body["accounts_count"]
    check.integer("accounts_count", accounts, minimum=1, maximum=100)
    if "upload_accounts_count" in body:
        check.integer("upload_accounts_count", body["upload_accounts_count"], minimum=0)
        if body["upload_accounts_count"] > accounts:
            raise check.refuse(
                "upload_accounts_count",
                body["upload_accounts_count"],
                f"must be at most accounts_count ({accounts})",
            )
    if "videos_per_account" in body:
        check.integer("videos_per_account", body["videos_per_account"], minimum=0, maximum=500)
    check_legacy_warming(body)
    if check.given(body.get("external_ref")):
        check.length("external_ref", body["external_ref"], max_length=MAX_REF_LENGTH)
    check_advanced_warming(body)
    return body


def check_legacy_warming(fields: Mapping[str, Any]) -> None:
    """Legacy niche warming needs its instructions and excludes advanced warming."""
    if fields.get("wants_niche_warming") is not True:
        return
    if fields.get("wants_advanced_warming") is True:
        raise check.refuse(
            "wants_niche_warming",
            True,
            "legacy niche warming cannot be combined with advanced warming (WARMING_CONFLICT)",
        )
    instructions = fields.get("niche_warming_instructions")
    if not check.given(instructions):
        raise check.refuse(
            "niche_warming_instructions", instructions, "is required when wants_niche_warming"
        )
    check.non_empty("niche_warming_instructions", instructions)


# -- the bundle's account -------------------------------------------------------------------


def check_account(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``configureBundleAccount``."""
    body = dict(fields)
    check.length("username", body["username"], min_length=1, max_length=24)
    check.pattern(
        "username",
        body["username"],
        USERNAME_PATTERN,
        "may only hold letters, digits, '_' and '.'",
    )
    check.length("visible_name", body["visible_name"], min_length=1, max_length=30)
    if check.given(body.get("biography")):
        check.length("biography", body["biography"], max_length=80)
    if check.given(body.get("link_in_bio")):
        web_url("link_in_bio", body["link_in_bio"])
    if "advanced_warming_terms" in body:
        body["advanced_warming_terms"] = check.warming_terms(
            "advanced_warming_terms", body["advanced_warming_terms"]
        )
    return body


def web_url(field: str, value: Any) -> None:
    if not isinstance(value, str) or not re.match(r"^https?://[^\s/]+\S*$", value):
        raise check.refuse(field, value, "must be a valid http(s) URL")


def check_corrections(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``request…Corrections``: a comment, and optionally field → remark."""
    body = dict(fields)
    if not isinstance(body["comment"], str):
        raise check.refuse("comment", body["comment"], "must be a string")
    check.non_empty("comment", body["comment"])
    if "fields" in body and not isinstance(body["fields"], Mapping):
        raise check.refuse("fields", body["fields"], "must be an object (field -> remark)")
    if "fields" in body:
        body["fields"] = dict(body["fields"])
    return body


# -- video slots ----------------------------------------------------------------------------


def position(value: Any, field: str = "position") -> None:
    check.integer(field, value, minimum=1)


def check_video(
    fields: Mapping[str, Any], *, has_extra: bool = False, prefix: str = ""
) -> dict[str, Any]:
    """A slot configuration (``configureBundleVideo``, and each ``batch`` item)."""
    body = dict(fields)
    video_type = text_of(body.get("video_type"))
    if not check.given(video_type):
        raise check.refuse(prefix + "video_type", video_type, "is required")
    # An open set: a new type is sent as given, and its rules are the API's to apply.
    video_type = check.open_choice(prefix + "video_type", video_type, VIDEO_TYPES)
    body["video_type"] = video_type
    if not check.given(body.get("target_publish_date")):
        raise check.refuse(
            prefix + "target_publish_date", body.get("target_publish_date"), "is required"
        )
    body["target_publish_date"] = check.iso_date(
        prefix + "target_publish_date", body["target_publish_date"]
    )
    description = body.get("description")
    if video_type == "story":
        if check.given(description):
            raise check.refuse(prefix + "description", description, "is not allowed on a story")
        has_video = check.given(body.get("video_url"))
        if has_video == check.given(body.get("story_image_url")):
            raise check.refuse(
                prefix + ("story_image_url" if has_video else "video_url"),
                body.get("story_image_url") if has_video else body.get("video_url"),
                "a story takes exactly one of video_url or story_image_url",
            )
    elif video_type in VIDEO_TYPES:
        if not check.given(description):
            raise check.refuse(
                prefix + "description", description, f"is required for a {video_type}"
            )
        if not isinstance(description, str):
            raise check.refuse(prefix + "description", description, "must be a string")
        check.non_empty(prefix + "description", description)
    for name, choices in (
        ("instagram_content_type", INSTAGRAM_CONTENT_TYPES),
        ("youtube_visibility", YOUTUBE_VISIBILITIES),
    ):
        if check.given(body.get(name)):
            body[name] = check.open_choice(prefix + name, body[name], choices)
    for name in ("name", "external_ref"):
        if check.given(body.get(name)):
            check.length(prefix + name, body[name], max_length=MAX_REF_LENGTH)
    for name in STRING_LISTS:
        if check.given(body.get(name)):
            body[name] = check.string_list(prefix + name, body[name])
    for name in VOLUMES:
        if check.given(body.get(name)):
            check.integer(prefix + name, body[name])
    return body


def check_batch(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``batchConfigureBundleVideos``: each item of ``videos`` is a slot configuration plus its
    position."""
    return {**fields, "videos": check_batch_items(fields["videos"])}


def check_batch_items(videos: Any) -> list[dict[str, Any]]:
    if isinstance(videos, (str, bytes, Mapping)) or not isinstance(videos, Sequence):
        raise check.refuse("videos", videos, "must be a list of slot configurations")
    check.non_empty("videos", videos)
    items: list[dict[str, Any]] = []
    for index, item in enumerate(videos):
        prefix = f"videos[{index}]."
        if not isinstance(item, Mapping):
            raise check.refuse(f"videos[{index}]", item, "must be an object (a VideoSlotConfig)")
        if "position" not in item:
            raise check.refuse(prefix + "position", None, "is required")
        position(item["position"], prefix + "position")
        items.append(check_video(item, prefix=prefix))
    return items


def check_patch(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``patchBundleVideo``: at least one field (``has_extra``: the caller sends one through
    ``extra_body``); ``None`` clears it."""
    body = dict(fields)
    if not body and not has_extra:
        raise check.refuse("external_ref", None, "give at least one of " + ", ".join(PATCH_FIELDS))
    for name in ("name", "external_ref"):
        if check.given(body.get(name)):
            check.length(name, body[name], max_length=MAX_REF_LENGTH)
    if check.given(body.get("description")) and not isinstance(body["description"], str):
        raise check.refuse("description", body["description"], "must be a string")
    for name in PATCH_DATES:
        if check.given(body.get(name)):
            body[name] = check.iso_date(name, body[name])
    return body


def check_fix_download(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``fixBundleVideoDownload``: a new ``video_url``, new ``carousel_images``, or both."""
    body = dict(fields)
    if not any(check.given(body.get(name)) for name in ("video_url", "carousel_images")):
        raise check.refuse("video_url", None, "give video_url, carousel_images or both")
    if check.given(body.get("video_url")):
        if not isinstance(body["video_url"], str):
            raise check.refuse("video_url", body["video_url"], "must be a string")
        check.non_empty("video_url", body["video_url"])
    if check.given(body.get("carousel_images")):
        body["carousel_images"] = check.string_list("carousel_images", body["carousel_images"])
        check.non_empty("carousel_images", body["carousel_images"])
    return body
