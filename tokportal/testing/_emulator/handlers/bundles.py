"""Bundles: ordering (paid), listing, publishing (API.md §2.2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import attrs

from .. import catalog, lifecycle, pricing, views
from ..context import Ctx
from ..http import ApiError, Body, Reply, conflict, ok, paginate, validation
from ..state import Bundle, BundleAccount, VideoSlot, WarmingSession

MAX_VIDEOS = 500
CLOSED = frozenset({"completed", "cancelled", "archived"})


# -- reading an order -------------------------------------------------------------------------


@attrs.frozen
class Warming:
    terms: list[str] | None
    count: int
    niche: bool
    niche_instructions: str | None


@attrs.frozen
class Order:
    bundle_type: str
    platform: str
    country: str
    account_id: str | None
    videos: int
    edits: int
    title: str | None
    external_ref: str | None
    auto_finalize_videos: bool
    warming: Warming

    def breakdown(self, prices: pricing.PriceList) -> dict[str, int]:
        return pricing.bundle_breakdown(
            new_account=self.bundle_type != "videos_only",
            videos=self.videos,
            edits=self.edits,
            warming_terms=self.warming.count,
            niche_warming=self.warming.niche,
            prices=prices,
        )


def read_warming(body: Body, *, legacy_first: bool = False) -> Warming:
    if body.flag("wants_deep_warming", default=False):
        raise ApiError(
            400,
            "DEEP_WARMING_DEPRECATED",
            "Deep warming is discontinued; use Advanced Niche Warming.",
            {"field": "wants_deep_warming"},
        )
    advanced = body.flag("wants_advanced_warming", default=False)
    terms = body.str_list("advanced_warming_terms", nullable=True)
    count = body.integer("advanced_warming_terms_count", nullable=True)
    niche = body.flag("wants_niche_warming", default=False)
    instructions = body.text("niche_warming_instructions", nullable=True)

    # The client's order (legacy warming first on bulk orders): what is bought (terms or a
    # count, not both), then the flag; legacy niche warming needs instructions, alone.
    def check_advanced() -> None:
        if terms is not None and count is not None:
            raise ApiError(
                400,
                "ADVANCED_WARMING_TERMS",
                "Give exactly one of advanced_warming_terms or advanced_warming_terms_count.",
                {
                    "field": "advanced_warming_terms_count",
                    "fields": ["advanced_warming_terms", "advanced_warming_terms_count"],
                },
            )
        if not advanced and (terms is not None or count is not None):
            raise validation("wants_advanced_warming", "must be true to buy advanced warming terms")
        if advanced and terms is None and count is None:
            raise ApiError(
                400,
                "ADVANCED_WARMING_TERMS",
                "Give advanced_warming_terms or advanced_warming_terms_count.",
                {
                    "field": "wants_advanced_warming",
                    "fields": ["advanced_warming_terms", "advanced_warming_terms_count"],
                },
            )

    def check_legacy() -> None:
        if advanced and niche:
            raise ApiError(
                400,
                "WARMING_CONFLICT",
                "Legacy niche warming cannot be combined with Advanced Niche Warming.",
                {"fields": ["wants_niche_warming", "wants_advanced_warming"]},
            )
        if niche and not instructions:
            raise validation(
                "niche_warming_instructions", "is required when wants_niche_warming is true"
            )

    for check in (check_legacy, check_advanced) if legacy_first else (check_advanced, check_legacy):
        check()
    if not advanced:
        return Warming(None, 0, niche, instructions)
    # Counts, lengths and duplicates of the terms are the field table's, checked before.
    if terms is not None:
        return Warming(list(terms), len(terms), False, None)
    assert count is not None
    return Warming(None, count, False, None)


def read_platform(body: Body, default: str = "tiktok") -> str:
    platform = body.text("platform", default=default)
    if platform == "youtube":
        raise ApiError(
            400,
            "YOUTUBE_DELAYED",
            "YouTube bundles cannot be ordered through the API yet.",
            {"field": "platform"},
        )
    if platform not in catalog.PLATFORMS_ORDERABLE:
        raise validation(
            "platform", "must be tiktok or instagram", allowed=list(catalog.PLATFORMS_ORDERABLE)
        )
    return str(platform)


def read_country(body: Body, field: str = "country") -> str:
    raw = body.text(field, required=True, min_len=1)
    code = catalog.enabled_country(raw)
    if code is None:
        raise ApiError(
            400,
            "COUNTRY_NOT_ENABLED",
            f"Country {raw!r} is not open for new accounts; see GET /countries.",
            {"field": field, "value": raw},
        )
    return code


def read_order(ctx: Ctx) -> Order:
    """The order's fields, read in the order the client checks them (so a request breaking
    two rules is refused on the same field by both)."""
    body = ctx.body
    bundle_type = body.enum("bundle_type", catalog.BUNDLE_TYPES, required=True)
    if bundle_type != "videos_only":
        platform = read_platform(body)
        country = read_country(body)
    account_id = body.text("account_id", nullable=True)
    if account_id is not None and bundle_type != "videos_only":
        raise ApiError(
            400,
            "ACCOUNT_ID_NOT_ALLOWED",
            "account_id is only allowed with bundle_type videos_only.",
            {"field": "account_id", "bundle_type": bundle_type},
        )
    if bundle_type == "videos_only":
        platform, country = read_existing_account(ctx, account_id)
    videos = read_videos_quantity(body, bundle_type)
    edits = body.integer("edits_quantity", default=0)
    if edits > videos:
        raise validation(
            "edits_quantity", "must not exceed videos_quantity", videos_quantity=videos
        )
    warming = read_warming(body)
    if bundle_type == "videos_only" and (warming.count or warming.niche):
        raise validation(
            "wants_advanced_warming",
            "warming an existing account is ordered with POST /accounts/{id}/rewarm",
        )
    return Order(
        bundle_type=bundle_type,
        platform=platform,
        country=country,
        account_id=account_id,
        videos=videos,
        edits=edits,
        title=body.text("title", nullable=True),
        external_ref=body.text("external_ref", nullable=True),
        auto_finalize_videos=body.flag("auto_finalize_videos", default=True),
        warming=warming,
    )


def read_videos_quantity(body: Body, bundle_type: str) -> int:
    if bundle_type == "account_only":
        quantity = body.integer("videos_quantity", nullable=True, default=0) or 0
        if quantity:
            raise validation("videos_quantity", "account_only bundles take no video slots")
        return 0
    return int(body.integer("videos_quantity", required=True))


def read_existing_account(ctx: Ctx, account_id: str | None) -> tuple[str, str]:
    if account_id is None:
        raise validation("account_id", "is required for bundle_type videos_only")
    saved = ctx.saved_account(account_id, field="account_id")
    if not saved.coverage.active or saved.banned or saved.detached:
        raise task_blocked(saved.id, saved.coverage.status if not saved.banned else "banned")
    platform = ctx.body.text("platform", default=saved.platform)
    if platform != saved.platform:
        raise validation("platform", f"must match the account's platform ({saved.platform})")
    return saved.platform, saved.country


def task_blocked(account_id: str, reason: str) -> ApiError:
    return conflict(
        "MANAGED_ACCOUNT_TASK_BLOCKED",
        "TokPortal Coverage is not active on this account; reactivate it first.",
        saved_account_id=account_id,
        reason=reason,
    )


def check_external_ref(ctx: Ctx, external_ref: str | None, *, ignore: str | None = None) -> None:
    if external_ref is None:
        return
    for other in ctx.workspace.bundles.values():
        if (
            other.external_ref == external_ref
            and other.id != ignore
            and other.status != "cancelled"
        ):
            raise conflict(
                "DUPLICATE_ACCOUNT_BUNDLE",
                "A bundle with this external_ref already exists.",
                existing_bundle_id=other.id,
                external_ref=external_ref,
            )


# -- creating ----------------------------------------------------------------------------------


def check_price_unchanged(ctx: Ctx, breakdown: dict[str, int]) -> None:
    """409 ``BUNDLE_PRICING_CHANGED`` while ``Emulator.change_prices(refuse_next=N)`` has
    refusals left: the price moved between the caller's quote and this checkout. A dry run
    is a quote, so it is never refused and uses none of them."""
    prices = ctx.world.prices
    if ctx.dry_run or prices.refuse_next <= 0:
        return
    prices.refuse_next -= 1
    raise conflict(
        "BUNDLE_PRICING_CHANGED",
        "The price changed since it was quoted; fetch /credit-costs, quote again and retry "
        "with a new Idempotency-Key.",
        cost_breakdown=breakdown,
    )


def build_bundle(
    ctx: Ctx, order: Order, cost: int, *, external_ref: str | None, bundle_id: str | None = None
) -> Bundle:
    ws = ctx.workspace
    bundle_id = bundle_id or ctx.ids.uuid()
    account = (
        None if order.bundle_type == "videos_only" else BundleAccount(account_id=ctx.ids.uuid())
    )
    bundle = Bundle(
        id=bundle_id,
        workspace_id=ws.id,
        bundle_type=order.bundle_type,
        platform=order.platform,
        country=order.country,
        title=order.title,
        external_ref=external_ref,
        edits_quantity=order.edits,
        auto_finalize_videos=order.auto_finalize_videos,
        created_at=ctx.now,
        updated_at=ctx.now,
        account=account,
        saved_account_id=order.account_id,
        wants_advanced_warming=order.warming.count > 0,
        advanced_warming_terms_count=order.warming.count,
        wants_niche_warming=order.warming.niche,
        niche_warming_instructions=order.warming.niche_instructions,
        credits_spent=cost,
    )
    add_slots(ctx, bundle, order.videos)
    ws.bundles[bundle.id] = bundle
    if order.warming.count:
        open_warming(ctx, bundle, order.warming)
    ctx.emit("bundle.created", views.bundle(bundle))
    return bundle


def add_slots(ctx: Ctx, bundle: Bundle, quantity: int) -> list[int]:
    positions = []
    for _ in range(quantity):
        slot = VideoSlot(id=ctx.ids.uuid(), bundle_id=bundle.id, position=len(bundle.videos) + 1)
        bundle.videos.append(slot)
        ctx.workspace.video_index[slot.id] = (bundle.id, slot.position)
        positions.append(slot.position)
    return positions


def open_warming(ctx: Ctx, bundle: Bundle, warming: Warming) -> None:
    session = WarmingSession(
        id=ctx.ids.uuid(),
        bundle_id=bundle.id,
        saved_account_id=None,
        platform=bundle.platform,
        terms_total=warming.count,
        terms=list(warming.terms or []),
        status="pending" if warming.terms else "awaiting_terms",
        created_at=ctx.now,
    )
    ctx.workspace.warming_sessions[session.id] = session
    bundle.warming_session_id = session.id
    if not warming.terms:
        ctx.schedule(
            "warming.refund_unconfigured", session.id, session.rev, after=timedelta(days=14)
        )


def create_bundle(ctx: Ctx) -> Reply:
    order = read_order(ctx)
    check_external_ref(ctx, order.external_ref)
    ctx.use_capacity(1)
    breakdown = order.breakdown(ctx.world.prices)
    check_price_unchanged(ctx, breakdown)
    bundle_id = ctx.ids.uuid()
    ctx.charge(
        breakdown,
        description=f"Bundle ({order.bundle_type}, {order.platform})",
        reference_type="bundle",
        reference_id=bundle_id,
    )
    bundle = build_bundle(
        ctx, order, breakdown["total"], external_ref=order.external_ref, bundle_id=bundle_id
    )
    return ok(views.bundle(bundle), **ctx.credit_siblings())


def create_bulk(ctx: Ctx) -> Reply:
    body = ctx.body
    # Read in the client's order; counts and lengths are the field table's, checked before.
    platforms = body.str_list("platforms", required=True)
    for i, platform in enumerate(platforms):
        read_platform(Body({"platform": platform}, prefix=f"platforms[{i}]."))
    if len(set(platforms)) != len(platforms):
        raise validation("platforms", "must not repeat a platform")
    country = read_country(body)
    accounts = body.integer("accounts_count", required=True)
    uploaders = body.integer("upload_accounts_count", nullable=True)
    if uploaders is not None and uploaders > accounts:
        raise validation("upload_accounts_count", f"must be at most accounts_count ({accounts})")
    videos_per_account = body.integer("videos_per_account", default=0)
    if uploaders is None:
        uploaders = accounts if videos_per_account else 0
    warming = read_warming(body, legacy_first=True)
    external_ref = body.text("external_ref", nullable=True)
    auto_finalize = body.flag("auto_finalize_videos", default=True)
    orders = [
        Order(
            bundle_type="account_and_videos"
            if i < uploaders and videos_per_account
            else "account_only",
            platform=platform,
            country=country,
            account_id=None,
            videos=videos_per_account if i < uploaders else 0,
            edits=0,
            title=None,
            external_ref=None,
            auto_finalize_videos=auto_finalize,
            warming=warming,
        )
        for platform in platforms
        for i in range(accounts)
    ]
    refs = [f"{external_ref}-{n}" if external_ref else None for n in range(1, len(orders) + 1)]
    for ref in refs:
        check_external_ref(ctx, ref)
    # Capacity and price are evaluated for the whole batch before any debit (API.md §1.7).
    ctx.use_capacity(len(orders))
    total = pricing.with_total({})
    for order in orders:
        total = pricing.add_breakdowns(total, order.breakdown(ctx.world.prices))
    check_price_unchanged(ctx, total)
    ctx.charge(total, description=f"Bulk bundles ({len(orders)})", reference_type="bundle_bulk")
    bundles = [
        build_bundle(ctx, order, order.breakdown(ctx.world.prices)["total"], external_ref=ref)
        for order, ref in zip(orders, refs, strict=True)
    ]
    data: dict[str, Any] = {
        "bundle_ids": [b.id for b in bundles],
        "bundles": [views.bundle(b) for b in bundles],
        "count": len(bundles),
        "country": country,
        "platforms": platforms,
    }
    return ok(data, **ctx.credit_siblings())


# -- reading and updating ------------------------------------------------------------------------


def list_bundles(ctx: Ctx) -> Reply:
    filters = {
        "status": ctx.query.get("status"),
        "bundle_type": ctx.query.get("bundle_type"),
        "platform": ctx.query.get("platform"),
        "external_ref": ctx.query.get("external_ref"),
        "account_status": ctx.query.get("account_status"),
    }
    rows = [views.bundle(b) for b in reversed(ctx.workspace.bundles.values())]
    rows = [r for r in rows if all(v is None or r[k] == v for k, v in filters.items())]
    return paginate(rows, ctx.query)


def get_bundle(ctx: Ctx) -> Reply:
    return ok(views.bundle(ctx.bundle()))


def update_bundle(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    body = ctx.body
    body.require_any(("title", "external_ref", "auto_finalize_videos"))
    title = body.text("title", nullable=True, default=bundle.title)
    external_ref = body.text("external_ref", nullable=True, default=bundle.external_ref)
    auto_finalize = body.flag("auto_finalize_videos", default=bundle.auto_finalize_videos)
    check_external_ref(ctx, external_ref, ignore=bundle.id)
    bundle.title, bundle.external_ref, bundle.auto_finalize_videos = (
        title,
        external_ref,
        auto_finalize,
    )
    bundle.updated_at = ctx.now
    return ok(views.bundle(bundle))


# -- publishing -------------------------------------------------------------------------------


def blockers(ctx: Ctx, bundle: Bundle) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if bundle.status in lifecycle.ACTIVE_BUNDLE or bundle.status == "completed":
        found.append(
            {"code": "BUNDLE_ALREADY_PUBLISHED", "message": "The bundle is already published."}
        )
    elif bundle.status != "pending_setup":
        found.append(
            {
                "code": "BUNDLE_INVALID_STATUS",
                "message": f"A {bundle.status} bundle cannot be published.",
                "current_status": bundle.status,
            }
        )
    if bundle.account is not None and bundle.account.missing_fields():
        found.append(
            {
                "code": "ACCOUNT_MISSING_FIELDS",
                "message": "Configure the account profile first.",
                "missing_fields": bundle.account.missing_fields(),
            }
        )
    configured = [v for v in bundle.videos if v.status == "configured"]
    if (
        bundle.bundle_type == "account_and_videos"
        and not configured
        and bundle.status == "pending_setup"
    ):
        found.append(
            {"code": "NO_VIDEOS_CONFIGURED", "message": "Configure at least one video slot."}
        )
    if bundle.bundle_type == "videos_only":
        saved = ctx.workspace.saved_accounts.get(bundle.saved_account_id or "")
        if saved is None or not saved.coverage.active or saved.banned:
            found.append(
                {
                    "code": "MANAGED_ACCOUNT_TASK_BLOCKED",
                    "message": "TokPortal Coverage is not active on the account.",
                }
            )
    return found


_PUBLISH_ERRORS: dict[str, tuple[str, str]] = {
    "BUNDLE_ALREADY_PUBLISHED": ("BUNDLE_ALREADY_PUBLISHED", "The bundle is already published."),
    "BUNDLE_INVALID_STATUS": (
        "BUNDLE_INVALID_STATUS",
        "The bundle cannot be published in its status.",
    ),
    "ACCOUNT_MISSING_FIELDS": (
        "ACCOUNT_NOT_CONFIGURED",
        "Configure the account (username, visible_name, biography, profile picture) first.",
    ),
    "NO_VIDEOS_CONFIGURED": (
        "NO_VIDEOS_CONFIGURED",
        "An account_and_videos bundle needs at least one configured video.",
    ),
    "MANAGED_ACCOUNT_TASK_BLOCKED": (
        "MANAGED_ACCOUNT_TASK_BLOCKED",
        "TokPortal Coverage is not active on the account.",
    ),
}


def publish_bundle(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    found = blockers(ctx, bundle)
    if found:
        first = found[0]
        code, message = _PUBLISH_ERRORS[first["code"]]
        details = {"bundle_id": bundle.id, "current_status": bundle.status}
        details.update((k, v) for k, v in first.items() if k not in ("code", "message"))
        raise conflict(code, message, **details)
    ctx.use_capacity(1)
    lifecycle.publish_bundle(ctx, bundle)
    return ok(views.bundle(bundle))


def publish_readiness(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    found = blockers(ctx, bundle)
    return ok(
        {"bundle_id": bundle.id, "status": bundle.status, "ready": not found, "blockers": found}
    )


def unpublish_bundle(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    if bundle.status not in ("published", "published_priority"):
        reason = (
            "already accepted by the account manager"
            if bundle.status in ("accepted", "completed")
            else "not published"
        )
        raise conflict(
            "BUNDLE_INVALID_STATUS",
            f"Only a published bundle that is not yet accepted can be unpublished ({reason}).",
            current_status=bundle.status,
        )
    lifecycle.unpublish_bundle(ctx, bundle)
    return ok(views.bundle(bundle))


# -- paid additions -------------------------------------------------------------------------------


def _open_for_additions(bundle: Bundle) -> None:
    if bundle.status in CLOSED:
        raise conflict(
            "BUNDLE_INVALID_STATUS",
            f"A {bundle.status} bundle cannot be extended.",
            current_status=bundle.status,
        )


def add_video_slots(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    quantity = ctx.body.integer("quantity", required=True)
    _open_for_additions(bundle)
    if bundle.bundle_type == "account_only":
        raise validation("quantity", "account_only bundles take no video slots")
    if bundle.videos_quantity + quantity > MAX_VIDEOS:
        raise validation("quantity", f"a bundle holds at most {MAX_VIDEOS} video slots")
    breakdown = ctx.charge(
        {"video_slots": ctx.world.prices.video_upload * quantity},
        description=f"{quantity} video slot(s)",
        reference_type="bundle",
        reference_id=bundle.id,
    )
    positions = add_slots(ctx, bundle, quantity)
    bundle.credits_spent += breakdown["total"]
    bundle.updated_at = ctx.now
    return ok({**views.bundle(bundle), "added_positions": positions}, **ctx.credit_siblings())


def add_edit_slots(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    quantity = ctx.body.integer("quantity", required=True)
    _open_for_additions(bundle)
    if bundle.edits_quantity + quantity > bundle.videos_quantity:
        raise validation(
            "quantity",
            "edits_quantity must not exceed videos_quantity",
            videos_quantity=bundle.videos_quantity,
        )
    breakdown = ctx.charge(
        {"edit_slots": ctx.world.prices.video_edit * quantity},
        description=f"{quantity} edit slot(s)",
        reference_type="bundle",
        reference_id=bundle.id,
    )
    bundle.edits_quantity += quantity
    bundle.credits_spent += breakdown["total"]
    bundle.updated_at = ctx.now
    return ok(views.bundle(bundle), **ctx.credit_siblings())


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "listBundles": list_bundles,
    "createBundle": create_bundle,
    "createBundlesBulk": create_bulk,
    "getBundle": get_bundle,
    "updateBundle": update_bundle,
    "publishBundle": publish_bundle,
    "getBundlePublishReadiness": publish_readiness,
    "unpublishBundle": unpublish_bundle,
    "addVideoSlots": add_video_slots,
    "addEditSlots": add_edit_slots,
}
