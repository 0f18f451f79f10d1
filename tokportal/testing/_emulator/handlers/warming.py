"""Advanced Niche Warming: one-shot targets, rewarm, sessions, term generation (API.md §2.7)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from .. import lifecycle, views
from ..context import Ctx
from ..http import ApiError, Reply, conflict, not_found, ok
from ..state import Bundle, WarmingSession
from .bundles import task_blocked

GENERATED_SUFFIXES = (
    "tips",
    "ideas",
    "for beginners",
    "tutorial",
    "routine",
    "hacks",
    "review",
    "trends",
    "challenge",
    "inspiration",
)


def set_bundle_terms(ctx: Ctx, bundle: Bundle, terms: list[str]) -> WarmingSession:
    session = lifecycle.warming_of(ctx.workspace, bundle)
    if session is None:
        raise not_found(
            "WARMING_SESSION_NOT_FOUND", "Advanced Niche Warming purchase of bundle", bundle.id
        )
    if session.terms or session.status not in ("awaiting_terms",):
        raise conflict(
            "WARMING_TERMS_ALREADY_SET",
            "Warming targets are one-shot and already set.",
            session_id=session.id,
        )
    terms = list(terms)
    if len(terms) != session.terms_total:
        raise ApiError(
            400,
            "ADVANCED_WARMING_TERMS",
            f"Exactly {session.terms_total} terms were purchased.",
            {
                "field": "advanced_warming_terms",
                "purchased_terms_count": session.terms_total,
                "count": len(terms),
            },
        )
    session.terms = terms
    session.status = "pending"
    session.rev += 1
    if bundle.account is not None and bundle.account.status == "finalized":
        lifecycle.start_warming(ctx, session)
    return session


def configure_terms(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    terms = ctx.body.str_list("advanced_warming_terms", required=True)
    session = set_bundle_terms(ctx, bundle, terms)
    return ok(views.warming_session(session))


def rewarm(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    terms = list(ctx.body.str_list("search_terms", required=True))
    if saved.platform not in ("tiktok", "instagram"):
        raise ApiError(
            400,
            "ADVANCED_WARMING_PLATFORM",
            "Warming is only available on TikTok and Instagram.",
            {"platform": saved.platform},
        )
    if saved.detached:
        raise conflict(
            "REWARM_NO_ACTIVE_ORDER",
            "No account manager can be routed to this detached account.",
            account_id=saved.id,
        )
    if not saved.coverage.active or saved.banned:
        raise task_blocked(saved.id, saved.coverage.status)
    running = [
        s
        for s in ctx.workspace.warming_sessions.values()
        if s.saved_account_id == saved.id and s.status == "running"
    ]
    if running:
        raise conflict(
            "REWARM_ALREADY_ACTIVE",
            "A warming session is already running on this account.",
            session_id=running[0].id,
        )
    ctx.charge(
        {"advanced_warming": ctx.world.prices.advanced_warming * len(terms)},
        description=f"Rewarm ({len(terms)} targets)",
        reference_type="saved_account",
        reference_id=saved.id,
    )
    session = WarmingSession(
        id=ctx.ids.uuid(),
        bundle_id=None,
        saved_account_id=saved.id,
        platform=saved.platform,
        terms_total=len(terms),
        terms=terms,
        status="pending",
        created_at=ctx.now,
        source="rewarm",
    )
    ctx.workspace.warming_sessions[session.id] = session
    lifecycle.start_warming(ctx, session)
    return ok(views.warming_session(session), **ctx.credit_siblings())


def list_sessions(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    rows = [
        views.warming_session(s)
        for s in ctx.workspace.warming_sessions.values()
        if s.saved_account_id == saved.id
        or (s.bundle_id is not None and s.bundle_id == saved.bundle_id)
    ]
    return ok(rows)


def get_session(ctx: Ctx) -> Reply:
    session = ctx.workspace.warming_sessions.get(ctx.param("id"))
    if session is None:
        raise not_found("WARMING_SESSION_NOT_FOUND", "Warming session", ctx.param("id"))
    return ok(views.warming_session(session))


def generate_terms(ctx: Ctx) -> Reply:
    # Non-blank text, a count of 3..30 in threes: the field table's, checked before.
    text = ctx.body.text("text", required=True).strip()
    platform = ctx.body.enum("platform", ("tiktok", "instagram"), default="tiktok")
    count = ctx.body.integer("count", default=9)
    words = [w.strip(".,;:!?\"'()").lower() for w in text.split()]
    keywords = [w for w in words if len(w) > 3] or [w for w in words if w] or ["niche"]
    # Deterministic: the same description always yields the same targets.
    offset = int(hashlib.sha256(text.encode()).hexdigest()[:6], 16)
    terms: list[str] = []
    i = 0
    while len(terms) < count:
        keyword = keywords[(offset + i) % len(keywords)]
        suffix = GENERATED_SUFFIXES[(offset // 7 + i) % len(GENERATED_SUFFIXES)]
        term = f"{keyword} {suffix}"[:50]
        if term not in terms:
            terms.append(term)
        i += 1
        if i > count * 20:
            terms.append(f"{keyword} {len(terms) + 1}")
    return ok(
        {
            "terms": terms,
            "count": len(terms),
            "platform": platform,
            "language": "auto",
            "credits_charged": 0,
        }
    )


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "configureBundleWarmingTerms": configure_terms,
    "rewarmAccount": rewarm,
    "listAccountWarmingSessions": list_sessions,
    "getWarmingSession": get_session,
    "generateWarmingTerms": generate_terms,
}
