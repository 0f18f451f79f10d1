"""Video slots of a bundle: configuration, scheduling, publication, review (API.md §2.4)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from .. import lifecycle, pricing, views
from ..context import Ctx
from ..fields import check_fields
from ..http import ApiError, Body, Reply, conflict, ok, parse_date, validation
from ..state import Bundle, VideoSlot
from .bundles import CLOSED, task_blocked

VIDEO_TYPES = ("video", "carousel", "story")
MAX_PER_DAY = 3
CONFIGURABLE = frozenset({"pending", "configured"})
SCHEDULABLE = frozenset({"pending", "configured", "published", "accepted"})
BOOL_FIELDS = (
    "instant_repost_as_story",
    "instagram_add_to_story",
    "ai_content_disclaimer",
    "disclose_as_ads",
)
CSV_COLUMNS = (
    "position",
    "video_type",
    "description",
    "target_publish_date",
    "video_url",
    "carousel_images",
    "tiktok_sound_url",
    "instagram_content_type",
    "instagram_location",
    "instagram_collaborators",
    "instagram_add_to_story",
    "editing_instructions",
    "external_ref",
    "ai_content_disclaimer",
    "disclose_as_ads",
    "volume_original_sound",
    "volume_added_sound",
    "instant_repost_as_story",
)


def invalid_transition(
    slot: VideoSlot, action: str, allowed: frozenset[str] | tuple[str, ...]
) -> ApiError:
    return conflict(
        "INVALID_STATUS_TRANSITION",
        f"Cannot {action} a video in status {slot.status}.",
        position=slot.position,
        current_status=slot.status,
        allowed_statuses=sorted(allowed),
    )


def lead_days(bundle: Bundle) -> int:
    """A new account needs 3 days before its first post; an existing one needs 1 (API.md §2.4)."""
    return 1 if bundle.bundle_type == "videos_only" else 3


def check_target_date(ctx: Ctx, bundle: Bundle, slot: VideoSlot, field: str, raw: str) -> date:
    day = parse_date(raw)
    if day is None:
        raise validation(field, "must be a date in YYYY-MM-DD format", value=raw)
    earliest = ctx.now.date() + timedelta(days=lead_days(bundle))
    if day < earliest:
        raise validation(
            field,
            f"must be on or after {earliest.isoformat()} ({lead_days(bundle)} day(s) ahead)",
            value=raw,
            earliest=earliest.isoformat(),
        )
    if field == "target_publish_date":
        same_day = [
            v
            for v in bundle.videos
            if v is not slot and v.status not in ("pending", "cancelled") and v.target_date == raw
        ]
        if len(same_day) >= MAX_PER_DAY:
            raise ApiError(
                400,
                "VIDEOS_PER_DAY_EXCEEDED",
                f"At most {MAX_PER_DAY} videos per target day per bundle.",
                {
                    "date": raw,
                    "current_count": len(same_day),
                    "max_per_day": MAX_PER_DAY,
                    "field": field,
                },
            )
    return day


def check_open(ctx: Ctx, bundle: Bundle) -> None:
    if bundle.status in CLOSED:
        raise conflict(
            "BUNDLE_INVALID_STATUS",
            f"A {bundle.status} bundle cannot be changed.",
            current_status=bundle.status,
        )
    if bundle.bundle_type == "videos_only":
        saved = ctx.workspace.saved_accounts.get(bundle.saved_account_id or "")
        if saved is None or not saved.coverage.active or saved.banned:
            raise task_blocked(
                bundle.saved_account_id or "", saved.coverage.status if saved else "missing"
            )


def read_config(ctx: Ctx, bundle: Bundle, slot: VideoSlot, body: Body) -> dict[str, Any]:
    """Validate a full slot configuration (PUT semantics) and return what to store.

    A batch item or a CSV row is checked against the field table as one configure call
    (a whole configure request already was); the rest is the slot's own rules.
    """
    check_fields("configureBundleVideo", (), body.raw, where=body.name(""))
    vtype = body.enum("video_type", VIDEO_TYPES, required=True)
    target = body.text("target_publish_date", required=True)
    check_target_date(ctx, bundle, slot, body.name("target_publish_date"), target)
    config: dict[str, Any] = {"video_type": vtype, "target_publish_date": target}
    config["description"] = read_description(body, vtype)
    config["name"] = body.text("name", nullable=True)
    config["external_ref"] = body.text("external_ref", nullable=True)
    config.update(read_media(body, vtype, bundle.platform))
    config["story_repost_url"] = body.text("story_repost_url", nullable=True)
    config["tiktok_sound_url"] = body.text("tiktok_sound_url", nullable=True)
    if vtype == "carousel" and bundle.platform == "tiktok" and not config["tiktok_sound_url"]:
        raise validation(body.name("tiktok_sound_url"), "is required for TikTok carousels")
    for field in ("volume_original_sound", "volume_added_sound"):
        config[field] = body.integer(field, nullable=True)
    config["youtube_sound_url"] = body.text("youtube_sound_url", nullable=True)
    config["instagram_content_type"] = body.enum(
        "instagram_content_type", ("reel", "post"), nullable=True
    )
    if bundle.platform == "instagram" and vtype != "story" and not config["instagram_content_type"]:
        raise validation(
            body.name("instagram_content_type"), "is required on Instagram (reel or post)"
        )
    config["instagram_location"] = body.text("instagram_location", nullable=True)
    config["instagram_collaborators"] = body.str_list("instagram_collaborators", nullable=True)
    config["instagram_audio_name"] = body.text("instagram_audio_name", nullable=True)
    config["youtube_title"] = body.text("youtube_title", nullable=True)
    config["youtube_tags"] = body.str_list("youtube_tags", nullable=True)
    config["youtube_category"] = body.text("youtube_category", nullable=True)
    config["youtube_visibility"] = body.enum(
        "youtube_visibility", ("public", "unlisted", "private"), nullable=True
    )
    for field in BOOL_FIELDS:
        config[field] = body.flag(field, default=False)
    config["editing_instructions"] = body.text("editing_instructions", nullable=True)
    if config["editing_instructions"] and not slot.uses_edit_slot:
        used = sum(1 for v in bundle.videos if v.uses_edit_slot)
        if used >= bundle.edits_quantity:
            raise validation(
                body.name("editing_instructions"),
                "no edit slot left on this bundle; buy one with add-edit-slots",
                edits_quantity=bundle.edits_quantity,
                edits_used=used,
            )
    return config


def read_description(body: Body, vtype: str) -> str | None:
    if vtype == "story":
        if body.raw.get("description"):
            raise validation(body.name("description"), "is not allowed on a story")
        return None
    return str(body.text("description", required=True, min_len=1))


def read_media(body: Body, vtype: str, platform: str) -> dict[str, Any]:
    # URL shapes and item types are the field table's, checked before.
    video_url = body.text("video_url", nullable=True)
    images = body.str_list("carousel_images", nullable=True)
    story_image = body.text("story_image_url", nullable=True)
    if vtype == "video" and not video_url:
        raise validation(body.name("video_url"), "is required for a video")
    if vtype == "carousel" and not images:
        raise validation(body.name("carousel_images"), "is required for a carousel (storage paths)")
    if vtype == "story" and (video_url is None) == (story_image is None):
        raise validation(
            body.name("video_url"), "a story needs exactly one of video_url or story_image_url"
        )
    return {
        "video_url": video_url,
        "carousel_images": images,
        "carousel_title": body.text("carousel_title", nullable=True),
        "story_image_url": story_image,
    }


def charge_addons(ctx: Ctx, bundle: Bundle, slot: VideoSlot, config: dict[str, Any]) -> None:
    """Sound volume (first time), story repost and instant repost cost 1 credit each, once."""
    wanted = {
        "sound_volume": config.get("volume_original_sound") is not None
        or config.get("volume_added_sound") is not None,
        "story_repost": bool(config.get("story_repost_url")),
        "instant_repost_as_story": bool(config.get("instant_repost_as_story")),
    }
    prices = {
        "sound_volume": pricing.SOUND_VOLUME,
        "story_repost": pricing.STORY_REPOST,
        "instant_repost_as_story": pricing.INSTANT_REPOST_AS_STORY,
    }
    due = {k: prices[k] for k, on in wanted.items() if on and k not in slot.paid_addons}
    if not due:
        return
    breakdown = ctx.charge(
        due,
        description=f"Video add-ons (slot {slot.position})",
        reference_type="video",
        reference_id=slot.id,
    )
    slot.paid_addons.update(due)
    bundle.credits_spent += breakdown["total"]


def configure_slot(
    ctx: Ctx, bundle: Bundle, slot: VideoSlot, body: Body, *, auto_publish: bool
) -> None:
    check_open(ctx, bundle)
    if slot.status not in CONFIGURABLE:
        raise invalid_transition(slot, "configure", CONFIGURABLE)
    config = read_config(ctx, bundle, slot, body)
    charge_addons(ctx, bundle, slot, config)
    slot.config = config
    slot.uses_edit_slot = bool(config["editing_instructions"])
    slot.status = "configured"
    slot.configured_at = slot.updated_at = ctx.now
    slot.rev += 1
    bundle.updated_at = ctx.now
    ctx.emit("video.configured", views.video_event(bundle, slot))
    if auto_publish and bundle.status in lifecycle.ACTIVE_BUNDLE:
        lifecycle.publish_video(ctx, bundle, slot)


def siblings(ctx: Ctx) -> dict[str, Any]:
    return ctx.credit_siblings() if ctx.charged else {}


# -- handlers ---------------------------------------------------------------------------------


def list_videos(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    return ok([views.video(v) for v in bundle.videos])


def get_video(ctx: Ctx) -> Reply:
    return ok(views.video(ctx.video()[1]))


def configure_video(ctx: Ctx) -> Reply:
    bundle, slot = ctx.video()
    auto_publish = ctx.body.flag("auto_publish", default=False)
    configure_slot(ctx, bundle, slot, ctx.body, auto_publish=auto_publish)
    return ok(views.video(slot), **siblings(ctx))


PATCH_FIELDS = (
    "external_ref",
    "name",
    "description",
    "target_publish_date",
    "target_publish_start_date",
    "target_publish_end_date",
)
SCHEDULE_FIELDS = PATCH_FIELDS[3:]


def patch_video(ctx: Ctx) -> Reply:
    bundle, slot = ctx.video()
    body = ctx.body
    body.require_any(PATCH_FIELDS)
    changes: dict[str, Any] = {}
    for field in ("external_ref", "name"):
        if body.has(field):
            changes[field] = body.text(field, nullable=True)
    if body.has("description"):
        if slot.config.get("video_type") == "story" and body.raw["description"]:
            raise validation("description", "is not allowed on a story")
        changes["description"] = body.text("description", nullable=True)
    touched = [f for f in SCHEDULE_FIELDS if body.has(f)]
    if touched and slot.status not in SCHEDULABLE:
        raise invalid_transition(slot, "reschedule", SCHEDULABLE)
    for field in touched:
        value = body.text(field, nullable=True)
        if value is not None:
            check_target_date(ctx, bundle, slot, field, value)
        changes[field] = value
    start = changes.get("target_publish_start_date", slot.config.get("target_publish_start_date"))
    end = changes.get("target_publish_end_date", slot.config.get("target_publish_end_date"))
    if start and end and end < start:
        raise validation("target_publish_end_date", "must not be before target_publish_start_date")
    slot.config.update(changes)
    slot.updated_at = ctx.now
    return ok(views.video(slot))


def batch_configure(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    items = ctx.body.list_of_objects("videos", required=True)
    if not items:
        raise validation("videos", "must contain at least one video")
    auto_publish = ctx.body.flag("auto_publish", default=False)
    configured: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        body = Body(item, prefix=f"videos[{index}].")
        position: int | None = None
        try:
            position = int(body.integer("position", required=True, minimum=1))
            slot = bundle.video_at(position)
            if slot is None:
                raise ApiError(
                    404,
                    "VIDEO_NOT_FOUND",
                    f"No video slot at position {position}.",
                    {"position": position},
                )
            configure_slot(
                ctx,
                bundle,
                slot,
                body,
                auto_publish=bool(body.flag("auto_publish", default=auto_publish)),
            )
            configured.append(views.video(slot))
        except ApiError as error:
            errors.append(
                {
                    "index": index,
                    "position": position,
                    "code": error.code,
                    "message": error.message,
                    "details": error.details,
                }
            )
    data = {
        "configured": configured,
        "errors": errors,
        "configured_count": len(configured),
        "failed_count": len(errors),
    }
    return ok(data, **siblings(ctx))


def publish_all(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    require_active(bundle)
    check_open(ctx, bundle)
    published = [v for v in bundle.videos if v.status == "configured"]
    for slot in published:
        lifecycle.publish_video(ctx, bundle, slot)
    return ok(
        {
            "bundle_id": bundle.id,
            "videos_published": len(published),
            "video_ids": [v.id for v in published],
        }
    )


def require_active(bundle: Bundle) -> None:
    if bundle.status not in lifecycle.ACTIVE_BUNDLE:
        raise conflict(
            "BUNDLE_INVALID_STATUS",
            "Videos are published one by one only on a published or accepted bundle; publish the bundle first.",
            current_status=bundle.status,
        )


def import_csv(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    form = ctx.form or {}
    part = form.get("file")
    if part is None or not part.content:
        raise validation("file", "a CSV file is required")
    auto_publish = (
        (form["auto_publish"].text.strip().lower() in ("true", "1", "yes"))
        if "auto_publish" in form
        else False
    )
    reader = csv.DictReader(io.StringIO(part.content.decode("utf-8-sig", errors="replace")))
    if not reader.fieldnames or "position" not in reader.fieldnames:
        raise validation(
            "file",
            "the CSV needs a header row with at least a position column",
            columns=list(CSV_COLUMNS),
        )
    imported: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    skipped = 0
    for row in reader:
        line = reader.line_num  # physical line (header = 1), so users can find the row
        values = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(values.values()):
            skipped += 1
            continue
        try:
            body = Body(csv_row_to_body(values, line))
            position = int(body.integer("position", required=True, minimum=1))
            slot = bundle.video_at(position)
            if slot is None:
                raise ApiError(
                    404,
                    "VIDEO_NOT_FOUND",
                    f"No video slot at position {position}.",
                    {"position": position},
                )
            configure_slot(ctx, bundle, slot, body, auto_publish=auto_publish)
            imported.append(views.video(slot))
        except ApiError as error:
            skipped += 1
            errors.append(
                {
                    "row": line,
                    "code": error.code,
                    "message": error.message,
                    "details": error.details,
                }
            )
    data = {"imported": len(imported), "skipped": skipped, "errors": errors, "videos": imported}
    return ok(data, **siblings(ctx))


def csv_row_to_body(values: dict[str, str], line: int) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for key, raw in values.items():
        if raw == "" or key not in CSV_COLUMNS:
            continue
        if key in ("carousel_images", "instagram_collaborators"):
            body[key] = [v.strip() for v in raw.split(";") if v.strip()]
        elif key in BOOL_FIELDS:
            body[key] = raw.lower() in ("true", "1", "yes")
        elif key in ("position", "volume_original_sound", "volume_added_sound"):
            try:
                body[key] = int(raw)
            except ValueError:
                raise validation(key, f"row {line}: must be an integer", value=raw) from None
        else:
            body[key] = raw
    return body


def publish_video(ctx: Ctx) -> Reply:
    bundle, slot = ctx.video()
    require_active(bundle)
    check_open(ctx, bundle)
    if slot.status != "configured":
        raise invalid_transition(slot, "publish", ("configured",))
    lifecycle.publish_video(ctx, bundle, slot)
    return ok(views.video(slot))


def reset_video(ctx: Ctx) -> Reply:
    _, slot = ctx.video()
    if slot.status not in CONFIGURABLE:
        raise invalid_transition(slot, "reset", CONFIGURABLE)
    slot.config = {}
    slot.uses_edit_slot = False
    slot.status = "pending"
    slot.configured_at = None
    slot.updated_at = ctx.now
    slot.rev += 1
    return ok(views.video(slot))


UNSCHEDULABLE = frozenset({"published", "accepted"})


def unschedule_video(ctx: Ctx) -> Reply:
    _, slot = ctx.video()
    if slot.status not in UNSCHEDULABLE:
        raise invalid_transition(slot, "unschedule", UNSCHEDULABLE)
    slot.status = "configured"
    slot.published_at = slot.accepted_at = None
    slot.updated_at = ctx.now
    slot.rev += 1
    return ok(views.video(slot))


FINALIZABLE = frozenset({"accepted", "in_review"})


def finalize_video(ctx: Ctx) -> Reply:
    bundle, slot = ctx.video()
    if slot.status not in FINALIZABLE:
        raise invalid_transition(slot, "finalize", FINALIZABLE)
    lifecycle.finalize_video(ctx, bundle, slot)
    return ok(views.video(slot))


def request_corrections(ctx: Ctx) -> Reply:
    bundle, slot = ctx.video()
    comment = ctx.body.text("comment", required=True)
    fields = ctx.body.obj("fields") or {}
    if slot.status != "in_review":
        raise invalid_transition(slot, "request corrections on", ("in_review",))
    lifecycle.request_video_corrections(ctx, bundle, slot, comment, fields)
    return ok(views.video(slot))


def fix_download(ctx: Ctx) -> Reply:
    _, slot = ctx.video()
    ctx.body.require_any(("video_url", "carousel_images"))
    video_url = ctx.body.text("video_url", nullable=True)
    images = ctx.body.str_list("carousel_images", nullable=True)
    if slot.status in ("pending", "finalized"):
        raise invalid_transition(
            slot,
            "fix the download of",
            ("configured", "published", "accepted", "in_review", "pending_corrections"),
        )
    if video_url is not None:
        slot.config["video_url"] = video_url
    if images is not None:
        slot.config["carousel_images"] = images
    slot.updated_at = ctx.now
    return ok(views.video(slot))


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "listBundleVideos": list_videos,
    "getBundleVideo": get_video,
    "configureBundleVideo": configure_video,
    "patchBundleVideo": patch_video,
    "batchConfigureBundleVideos": batch_configure,
    "publishAllBundleVideos": publish_all,
    "importBundleVideosCsv": import_csv,
    "publishBundleVideo": publish_video,
    "resetBundleVideo": reset_video,
    "unscheduleBundleVideo": unschedule_video,
    "finalizeBundleVideo": finalize_video,
    "requestBundleVideoCorrections": request_corrections,
    "fixBundleVideoDownload": fix_download,
}
