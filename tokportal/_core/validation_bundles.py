"""Cross-field rules of bundles, their account and their video slots (API.md §2.2–§2.4).
Hand-written; only documented rules (see ``validation``'s docstring).

Each ``check_*`` is a ``validation.Rule``: it runs after the generated field table
(``tokportal._core.fields``), on fields already checked one by one and written as they go
out (enum members as values, dates ``YYYY-MM-DD``), so it says only what ties fields
together: "required when", "not both", "at least one of", a bound set by another field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import validation as check
from .fields import at_least_one, check_item

# Platforms the API knows but does not sell bundles on (API.md §2.2: YOUTUBE_DELAYED).
NOT_ORDERABLE = {"youtube": "YouTube bundles cannot be ordered through the API (YOUTUBE_DELAYED)"}
VIDEO_TYPES = frozenset({"video", "carousel", "story"})

# -- bundles ---------------------------------------------------------------------------------

# The rules that depend on the type are known for these; a type this SDK does not know yet
# is sent as given (an open set) and its rules are left to the API.
BUNDLE_TYPES = frozenset({"account_only", "account_and_videos", "videos_only"})
NEEDS_VIDEOS = frozenset({"account_and_videos", "videos_only"})
NEEDS_COUNTRY = frozenset({"account_only", "account_and_videos"})


def orderable_platform(field: str, value: Any) -> None:
    """A platform API.md says cannot be ordered is refused (the set itself stays open)."""
    if value in NOT_ORDERABLE:
        raise check.refuse(field, value, NOT_ORDERABLE[value])


def check_create(given: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``createBundle``: what the bundle type requires and allows, edits ≤ videos, warming."""
    fields = dict(given)
    bundle_type = fields["bundle_type"]
    known = bundle_type in BUNDLE_TYPES
    if "platform" in fields:
        orderable_platform("platform", fields["platform"])
    if known and bundle_type in NEEDS_COUNTRY and not check.given(fields.get("country")):
        raise check.refuse("country", fields.get("country"), f"is required for {bundle_type}")
    if "account_id" in fields:
        if known and bundle_type != "videos_only":
            raise check.refuse(
                "account_id", fields["account_id"], "is only allowed with bundle_type videos_only"
            )
    elif bundle_type == "videos_only":
        raise check.refuse("account_id", None, "is required for bundle_type videos_only")
    videos = fields.get("videos_quantity")
    if known and bundle_type in NEEDS_VIDEOS and videos is None:
        raise check.refuse("videos_quantity", None, f"is required for {bundle_type}")
    edits = fields.get("edits_quantity")
    if edits is not None and edits > (videos or 0):
        raise check.refuse(
            "edits_quantity", edits, f"must be at most videos_quantity ({videos or 0})"
        )
    check_advanced_warming(fields)
    check_legacy_warming(fields)
    return fields


def check_update(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``updateBundle``: at least one field (``has_extra``: one comes through ``extra_body``)."""
    return at_least_one("updateBundle", fields, has_extra=has_extra)


def check_advanced_warming(fields: Mapping[str, Any]) -> None:
    """Terms or a count, not both, and only with ``wants_advanced_warming``, which needs one."""
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


def check_bulk(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``createBundlesBulk``: orderable platforms, upload accounts ≤ accounts, and the
    warming rules of ``createBundle``."""
    body = dict(fields)
    for index, platform in enumerate(body["platforms"]):
        orderable_platform(f"platforms[{index}]", platform)
    accounts = body["accounts_count"]
    uploads = body.get("upload_accounts_count")
    if uploads is not None and uploads > accounts:
        raise check.refuse(
            "upload_accounts_count", uploads, f"must be at most accounts_count ({accounts})"
        )
    check_legacy_warming(body)
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
    if not isinstance(instructions, str) or not instructions.strip():
        raise check.refuse(
            "niche_warming_instructions", instructions, "is required when wants_niche_warming"
        )


# -- video slots ----------------------------------------------------------------------------


def check_video(
    fields: Mapping[str, Any], *, has_extra: bool = False, prefix: str = ""
) -> dict[str, Any]:
    """A slot configuration (``configureBundleVideo``, and each ``batch`` item): what the
    video type requires and allows."""
    body = dict(fields)
    video_type = body["video_type"]
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
    elif video_type in VIDEO_TYPES and not (isinstance(description, str) and description.strip()):
        raise check.refuse(prefix + "description", description, f"is required for a {video_type}")
    return body


def check_batch(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``batchConfigureBundleVideos``: each item of ``videos`` is a slot configuration (its
    fields checked as a ``configureBundleVideo`` body's) plus its position."""
    items: list[dict[str, Any]] = []
    for index, item in enumerate(fields["videos"]):
        prefix = f"videos[{index}]."
        item = check_item("configureBundleVideo", item, where=prefix)
        if "position" not in item:
            raise check.refuse(prefix + "position", None, "is required")
        check.integer(prefix + "position", item["position"], minimum=1)
        items.append(check_video(item, prefix=prefix))
    return {**fields, "videos": items}


def check_patch(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``patchBundleVideo``: at least one field (``has_extra``: the caller sends one through
    ``extra_body``); ``None`` clears it."""
    return at_least_one("patchBundleVideo", fields, has_extra=has_extra)


def check_fix_download(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``fixBundleVideoDownload``: a new ``video_url``, new ``carousel_images``, or both."""
    if not any(check.given(fields.get(name)) for name in ("video_url", "carousel_images")):
        raise check.refuse("video_url", None, "give video_url, carousel_images or both")
    return dict(fields)
