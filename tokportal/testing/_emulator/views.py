"""How state objects look on the wire. One function per resource, shared by handlers and the
simulated account manager (event payloads reuse the same shapes)."""

from __future__ import annotations

from typing import Any

from .http import iso
from .state import (
    AdCodeRequest,
    Ban,
    Bundle,
    BundleAccount,
    CommentTask,
    Coverage,
    EditRequest,
    SavedAccount,
    Transaction,
    VideoSlot,
    WarmingSession,
    WebhookDelivery,
    WebhookEndpoint,
)

CONFIGURED_OR_LATER = frozenset(
    {"configured", "published", "accepted", "in_review", "pending_corrections", "finalized"}
)


def review_mode(bundle: Bundle) -> str:
    return "auto_finalize" if bundle.auto_finalize_videos else "manual_review"


def bundle(b: Bundle) -> dict[str, Any]:
    account = b.account
    return {
        "id": b.id,
        "bundle_id": b.id,
        "title": b.title,
        "bundle_type": b.bundle_type,
        "platform": b.platform,
        "country": b.country,
        "status": b.status,
        "external_ref": b.external_ref,
        "videos_quantity": b.videos_quantity,
        "edits_quantity": b.edits_quantity,
        "videos_configured_count": sum(1 for v in b.videos if v.status in CONFIGURED_OR_LATER),
        "videos_finalized_count": sum(1 for v in b.videos if v.status == "finalized"),
        "is_published": b.published_at is not None and b.status not in ("pending_setup", "draft"),
        "account_configured": account is None or account.status != "pending",
        "account_status": account.status if account is not None else None,
        "saved_account_id": b.saved_account_id,
        "auto_finalize_videos": b.auto_finalize_videos,
        "review_mode": review_mode(b),
        "wants_advanced_warming": b.wants_advanced_warming,
        "advanced_warming_terms_count": b.advanced_warming_terms_count,
        "wants_niche_warming": b.wants_niche_warming,
        "credits_spent": b.credits_spent,
        "created_at": iso(b.created_at),
        "updated_at": iso(b.updated_at),
        "published_at": iso(b.published_at),
        "accepted_at": iso(b.accepted_at),
        "completed_at": iso(b.completed_at),
        "unpublished_at": iso(b.unpublished_at),
    }


def bundle_account(b: Bundle, acc: BundleAccount, warming: WarmingSession | None) -> dict[str, Any]:
    return {
        "bundle_id": b.id,
        "account_id": acc.account_id,
        "platform": b.platform,
        "country": b.country,
        "status": acc.status,
        "username": acc.username,
        "visible_name": acc.visible_name,
        "biography": acc.biography,
        "profile_picture_url": acc.profile_picture_url,
        "link_in_bio": acc.link_in_bio,
        "niche_warming_instructions": acc.niche_warming_instructions,
        "missing_fields": acc.missing_fields(),
        "saved_account_id": b.saved_account_id,
        "corrections": list(acc.corrections),
        "configured_at": iso(acc.configured_at),
        "in_review_at": iso(acc.in_review_at),
        "finalized_at": iso(acc.finalized_at),
        "advanced_warming": warming_summary(warming),
    }


def warming_summary(session: WarmingSession | None) -> dict[str, Any] | None:
    if session is None:
        return None
    return {
        "session_id": session.id,
        "status": session.status,
        "terms_total": session.terms_total,
        "terms_verified": session.terms_verified,
        "terms_configured": session.terms_configured,
        "started_at": iso(session.started_at),
        "completed_at": iso(session.completed_at),
    }


VIDEO_FIELDS = (
    "video_type",
    "target_publish_date",
    "target_publish_start_date",
    "target_publish_end_date",
    "description",
    "name",
    "external_ref",
    "video_url",
    "carousel_images",
    "carousel_title",
    "story_image_url",
    "story_repost_url",
    "instant_repost_as_story",
    "tiktok_sound_url",
    "volume_original_sound",
    "volume_added_sound",
    "youtube_sound_url",
    "instagram_content_type",
    "instagram_location",
    "instagram_collaborators",
    "instagram_audio_name",
    "instagram_add_to_story",
    "youtube_title",
    "youtube_tags",
    "youtube_category",
    "youtube_visibility",
    "ai_content_disclaimer",
    "disclose_as_ads",
    "editing_instructions",
)


def video(slot: VideoSlot) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": slot.id,
        "video_id": slot.id,
        "bundle_id": slot.bundle_id,
        "position": slot.position,
        "status": slot.status,
    }
    for field in VIDEO_FIELDS:
        view[field] = slot.config.get(field)
    view.update(
        {
            "post_url": slot.post_url,
            "corrections": list(slot.corrections),
            "configured_at": iso(slot.configured_at),
            "published_at": iso(slot.published_at),
            "accepted_at": iso(slot.accepted_at),
            "in_review_at": iso(slot.in_review_at),
            "finalized_at": iso(slot.finalized_at),
            "updated_at": iso(slot.updated_at),
        }
    )
    return view


def video_event(b: Bundle, slot: VideoSlot) -> dict[str, Any]:
    return {
        "bundle_id": b.id,
        "video_id": slot.id,
        "position": slot.position,
        "status": slot.status,
        "post_url": slot.post_url,
        "saved_account_id": b.saved_account_id,
        "platform": b.platform,
    }


def account_event(b: Bundle) -> dict[str, Any]:
    acc = b.account
    return {
        "bundle_id": b.id,
        "account_id": acc.account_id if acc else None,
        "saved_account_id": b.saved_account_id,
        "status": acc.status if acc else None,
        "username": acc.username if acc else None,
        "platform": b.platform,
        "country": b.country,
    }


def saved_account(a: SavedAccount) -> dict[str, Any]:
    return {
        "id": a.id,
        "saved_account_id": a.id,
        "account_id": a.account_id,
        "bundle_id": a.bundle_id,
        "platform": a.platform,
        "country": a.country,
        "username": a.username,
        "visible_name": a.visible_name,
        "biography": a.biography,
        "profile_picture_url": a.profile_picture_url,
        "link_in_bio": a.link_in_bio,
        "profile_url": a.profile_url,
        "tokmail_email": a.tokmail_email,
        "banned": a.banned,
        "banned_at": iso(a.banned_at),
        "detached": a.detached,
        "managed_subscription_status": a.coverage.status,
        "commenting_profile": dict(a.commenting_profile),
        "created_at": iso(a.created_at),
        "updated_at": iso(a.updated_at),
    }


def coverage(a: SavedAccount, quote: dict[str, Any] | None) -> dict[str, Any]:
    c: Coverage = a.coverage
    return {
        "account_id": a.id,
        "status": c.status,
        "active": c.active,
        "current_period_start": iso(c.current_period_start),
        "current_period_end": iso(c.current_period_end),
        "price_per_period": c.price_per_period,
        "period_days": 30,
        "lock_version": c.lock_version,
        "cancelled_at": iso(c.cancelled_at),
        "lapsed_at": iso(c.lapsed_at),
        "ended_at": iso(c.ended_at),
        "reactivation_quote": quote,
    }


def transaction(t: Transaction) -> dict[str, Any]:
    return {
        "id": t.id,
        "type": t.type,
        "amount": t.amount,
        "balance_after": t.balance_after,
        "description": t.description,
        "reference_type": t.reference_type,
        "reference_id": t.reference_id,
        "breakdown": dict(t.breakdown),
        "created_at": iso(t.created_at),
        "expires_at": iso(t.expires_at),
    }


def ban(b: Ban, *, include_screenshots: bool) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": b.id,
        "account_id": b.account_id,
        "username": b.username,
        "platform": b.platform,
        "bundle_id": b.bundle_id,
        "order_id": b.bundle_id,
        "status": b.status,
        "reported_at": iso(b.reported_at),
        "decided_at": iso(b.decided_at),
        "updated_at": iso(b.updated_at),
        "resolution": b.resolution,
    }
    if include_screenshots:
        view["screenshot_url"] = f"https://evidence.tokportal.test/bans/{b.id}.png?expires=7d"
    return view


def edit_request(e: EditRequest) -> dict[str, Any]:
    return {
        "id": e.id,
        "account_id": e.account_id,
        "status": e.status,
        **e.fields,
        "created_at": iso(e.created_at),
        "completed_at": iso(e.completed_at),
    }


def warming_session(s: WarmingSession) -> dict[str, Any]:
    return {
        "id": s.id,
        "bundle_id": s.bundle_id,
        "saved_account_id": s.saved_account_id,
        "platform": s.platform,
        "source": s.source,
        "status": s.status,
        "terms": list(s.terms),
        "terms_total": s.terms_total,
        "terms_verified": s.terms_verified,
        "terms_configured": s.terms_configured,
        "created_at": iso(s.created_at),
        "started_at": iso(s.started_at),
        "completed_at": iso(s.completed_at),
        "cancelled_at": iso(s.cancelled_at),
        "reports": list(s.reports),
    }


def ad_code(r: AdCodeRequest) -> dict[str, Any]:
    return {
        "id": r.id,
        "video_id": r.video_id,
        "bundle_id": r.bundle_id,
        "saved_account_id": r.saved_account_id,
        "platform": r.platform,
        "code_type": "spark_code" if r.platform == "tiktok" else "partner_code",
        "status": r.status,
        "code": r.code,
        "note": r.note,
        "created_at": iso(r.created_at),
        "submitted_at": iso(r.submitted_at),
    }


def comment_task(t: CommentTask, *, blocked_reason: str | None) -> dict[str, Any]:
    return {
        "id": t.id,
        "status": t.status,
        "platform": t.platform,
        "saved_account_id": t.saved_account_id,
        "target_type": t.target_type,
        "target_video_url": t.target_video_url,
        "target_comment_url": t.target_comment_url,
        "target_author_handle": None,
        "comment_text": t.comment_text,
        "brief_id": t.brief_id,
        "cost": t.cost,
        "cm_payout_amount": None,
        "execution_blocked": blocked_reason is not None,
        "execution_block_reason": blocked_reason,
        "correction_required": t.correction_required,
        "dispute_reason": t.dispute_reason,
        "submitted_at": iso(t.submitted_at),
        "verified_at": iso(t.verified_at),
        "manually_confirmed_at": iso(t.manually_confirmed_at),
        "client_dispute_deadline_at": iso(t.client_dispute_deadline_at),
        "finalized_at": iso(t.finalized_at),
        "deadline_at": iso(t.deadline_at),
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
    }


def webhook_endpoint(e: WebhookEndpoint) -> dict[str, Any]:
    return {
        "id": e.id,
        "url": e.url,
        "events": list(e.events),
        "description": e.description,
        "enabled": e.enabled,
        "created_at": iso(e.created_at),
        "updated_at": iso(e.updated_at),
    }


def webhook_delivery(d: WebhookDelivery) -> dict[str, Any]:
    return {
        "id": d.id,
        "webhook_id": d.endpoint_id,
        "endpoint_id": d.endpoint_id,
        "event_id": d.event_id,
        "event_type": d.event_type,
        "attempt": d.attempt,
        "status": d.status,
        "success": d.success,
        "response_status": d.response_status,
        "error": d.error,
        "duration_ms": d.duration_ms,
        "created_at": iso(d.created_at),
        "delivered_at": iso(d.delivered_at),
    }
