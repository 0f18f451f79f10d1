"""Ad codes: TikTok Spark Codes / Instagram Partner Codes for finalized videos (API.md §2.11)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from .. import pricing, views
from ..context import Ctx
from ..http import Reply, conflict, not_found, ok
from ..state import AdCodeRequest
from .bundles import task_blocked

CODE_AFTER = timedelta(hours=24)


def latest_for(ctx: Ctx, video_id: str) -> AdCodeRequest | None:
    found = [r for r in ctx.workspace.ad_codes.values() if r.video_id == video_id]
    return found[-1] if found else None


def create(ctx: Ctx) -> Reply:
    bundle, slot = ctx.video_by_id()
    note = ctx.body.text("note", nullable=True)
    if slot.status != "finalized" or not slot.post_url:
        raise conflict(
            "VIDEO_NOT_FINALIZED",
            "An ad code needs a finalized video with a live post link.",
            video_id=slot.id,
            current_status=slot.status,
        )
    saved = ctx.workspace.saved_accounts.get(bundle.saved_account_id or "")
    if saved is None or not saved.coverage.active or saved.banned or saved.detached:
        raise task_blocked(
            bundle.saved_account_id or "", saved.coverage.status if saved else "not_delivered"
        )
    existing = latest_for(ctx, slot.id)
    if existing is not None and existing.status == "pending":
        raise conflict(
            "AD_CODE_REQUEST_ALREADY_OPEN",
            "This video already has an open ad code request.",
            request_id=existing.id,
        )
    request_id = ctx.ids.uuid()
    ctx.charge(
        {"ad_code": pricing.AD_CODE},
        description="Ad code request",
        reference_type="video",
        reference_id=slot.id,
    )
    request = AdCodeRequest(
        id=request_id,
        video_id=slot.id,
        bundle_id=bundle.id,
        saved_account_id=bundle.saved_account_id,
        platform=bundle.platform,
        status="pending",
        note=note,
        created_at=ctx.now,
    )
    ctx.workspace.ad_codes[request.id] = request
    ctx.schedule("ad_code.submit", request.id, request.rev, after=CODE_AFTER)
    return ok(views.ad_code(request), **ctx.credit_siblings())


def get(ctx: Ctx) -> Reply:
    _, slot = ctx.video_by_id()
    request = latest_for(ctx, slot.id)
    if request is None:
        raise not_found("AD_CODE_REQUEST_NOT_FOUND", "Ad code request for video", slot.id)
    return ok(views.ad_code(request))


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "createVideoAdCodeRequest": create,
    "getVideoAdCodeRequest": get,
}
