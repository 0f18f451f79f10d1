"""State transitions of bundles, accounts, videos, warming and Coverage.

Shared by the handlers (a client publishes, finalizes, asks for corrections) and the simulated
account manager (accepts, posts, auto-finalizes), so each transition, its event and its next
timer are written once. Durations are the emulator's choice and documented in emulator.md.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Any, Protocol

import attrs

from . import credits, views
from .http import iso
from .pricing import ACCOUNT_CREATION, COVERAGE_PERIOD, COVERAGE_PERIOD_DAYS
from .state import (
    Ban,
    Bundle,
    Coverage,
    SavedAccount,
    VideoSlot,
    WarmingSession,
    Workspace,
    World,
)

ACCEPT_AFTER = timedelta(hours=1)
ACCOUNT_REVIEW_AFTER = timedelta(hours=24)
AUTO_FINALIZE_AFTER = timedelta(hours=72)
CORRECTIONS_TAKE = timedelta(hours=24)
VIDEO_ACCEPT_AFTER = timedelta(hours=1)
VIDEO_POST_AFTER = timedelta(hours=1)
VIDEO_POST_TIME = time(12, 0, tzinfo=timezone.utc)
WARMING_TERM_EVERY = timedelta(hours=8)
UNCONFIGURED_WARMING_REFUND_AFTER = timedelta(days=14)
ACTIVE_BUNDLE = frozenset({"published", "published_priority", "accepted"})


class Effects(Protocol):
    """What a transition may touch: implemented by the handler context and the simulator."""

    world: World
    workspace: Workspace
    now: datetime

    def emit(self, event_type: str, data: Any) -> None: ...

    def schedule(
        self,
        kind: str,
        ref: str,
        rev: int,
        *,
        after: timedelta | None = None,
        at: datetime | None = None,
    ) -> None: ...


def touch(fx: Effects, bundle: Bundle) -> None:
    bundle.updated_at = fx.now


# -- bundles ---------------------------------------------------------------------------------


def publish_bundle(fx: Effects, bundle: Bundle) -> None:
    bundle.status = "published"
    bundle.published_at = fx.now
    bundle.unpublished_at = None
    bundle.rev += 1
    touch(fx, bundle)
    fx.emit("bundle.published", {**views.bundle(bundle)})
    if bundle.account is not None:
        fx.emit("account.published", views.account_event(bundle))
    for slot in bundle.videos:
        if slot.status == "configured":
            publish_video(fx, bundle, slot)
    fx.schedule("bundle.accept", bundle.id, bundle.rev, after=ACCEPT_AFTER)


def unpublish_bundle(fx: Effects, bundle: Bundle) -> None:
    bundle.status = "pending_setup"
    bundle.unpublished_at = fx.now
    bundle.rev += 1
    touch(fx, bundle)
    for slot in bundle.videos:
        if slot.status == "published":
            slot.status = "configured"
            slot.published_at = None
            slot.rev += 1


def accept_bundle(fx: Effects, bundle: Bundle) -> None:
    bundle.status = "accepted"
    bundle.accepted_at = fx.now
    bundle.rev += 1
    touch(fx, bundle)
    if bundle.account is not None and bundle.account.status == "configured":
        fx.schedule("account.review", bundle.id, bundle.account.rev, after=ACCOUNT_REVIEW_AFTER)
    for slot in bundle.videos:
        if slot.status == "published" and slot.published_at is not None:
            fx.schedule(
                "video.accept",
                slot.id,
                slot.rev,
                at=max(fx.now, slot.published_at + VIDEO_ACCEPT_AFTER),
            )
    check_completion(fx, bundle)


def check_completion(fx: Effects, bundle: Bundle) -> None:
    if bundle.status != "accepted":
        return
    account_done = bundle.account is None or bundle.account.status == "finalized"
    if account_done and all(v.status == "finalized" for v in bundle.videos):
        bundle.status = "completed"
        bundle.completed_at = fx.now
        bundle.rev += 1
        touch(fx, bundle)


# -- the bundle's account --------------------------------------------------------------------


def account_to_review(fx: Effects, bundle: Bundle) -> None:
    acc = bundle.account
    assert acc is not None
    acc.status = "in_review"
    acc.in_review_at = fx.now
    acc.rev += 1
    if bundle.saved_account_id is None:
        # The delivered-account id exists from account.in_review on (API.md §1.12).
        bundle.saved_account_id = fx.world.ids.uuid()
    touch(fx, bundle)
    fx.emit("account.in_review", views.account_event(bundle))
    fx.schedule("account.auto_finalize", bundle.id, acc.rev, after=AUTO_FINALIZE_AFTER)


def request_account_corrections(
    fx: Effects, bundle: Bundle, comment: str, fields: dict[str, Any]
) -> None:
    acc = bundle.account
    assert acc is not None
    acc.status = "pending_corrections"
    acc.corrections.append({"comment": comment, "fields": fields, "requested_at": iso(fx.now)})
    acc.rev += 1
    touch(fx, bundle)
    fx.emit("account.pending_corrections", {**views.account_event(bundle), "comment": comment})
    fx.schedule("account.resubmit", bundle.id, acc.rev, after=CORRECTIONS_TAKE)


def finalize_account(fx: Effects, bundle: Bundle) -> SavedAccount:
    acc = bundle.account
    assert acc is not None and bundle.saved_account_id is not None
    acc.status = "finalized"
    acc.finalized_at = fx.now
    acc.rev += 1
    touch(fx, bundle)
    saved = deliver_account(fx, bundle)
    fx.emit("account.finalized", views.account_event(bundle))
    session = warming_of(fx.workspace, bundle)
    if session is not None:
        session.saved_account_id = saved.id
        if session.status == "pending":
            start_warming(fx, session)
    check_completion(fx, bundle)
    return saved


def deliver_account(fx: Effects, bundle: Bundle) -> SavedAccount:
    acc = bundle.account
    assert acc is not None and bundle.saved_account_id is not None
    username = acc.username or f"user_{bundle.id[:8]}"
    coverage = Coverage(
        status="active",
        current_period_start=fx.now,
        current_period_end=fx.now + timedelta(days=COVERAGE_PERIOD_DAYS),
        price_per_period=COVERAGE_PERIOD,
    )
    saved = SavedAccount(
        id=bundle.saved_account_id,
        workspace_id=fx.workspace.id,
        account_id=acc.account_id,
        bundle_id=bundle.id,
        platform=bundle.platform,
        country=bundle.country,
        username=username,
        visible_name=acc.visible_name or username,
        biography=acc.biography,
        profile_picture_url=acc.profile_picture_url,
        link_in_bio=acc.link_in_bio,
        created_at=fx.now,
        updated_at=fx.now,
        coverage=coverage,
        password=fx.world.ids.token(16),
        tokmail_email=f"{username.lower()}.{fx.world.ids.hex(4)}@tokmail.io",
    )
    fx.workspace.saved_accounts[saved.id] = saved
    fx.schedule("coverage.renew", saved.id, coverage.rev, at=coverage.current_period_end)
    return saved


# -- videos -----------------------------------------------------------------------------------


def publish_video(fx: Effects, bundle: Bundle, slot: VideoSlot) -> None:
    slot.status = "published"
    slot.published_at = fx.now
    slot.updated_at = fx.now
    slot.rev += 1
    fx.emit("video.published", views.video_event(bundle, slot))
    if bundle.status == "accepted":
        fx.schedule("video.accept", slot.id, slot.rev, after=VIDEO_ACCEPT_AFTER)


def accept_video(fx: Effects, bundle: Bundle, slot: VideoSlot) -> None:
    slot.status = "accepted"
    slot.accepted_at = fx.now
    slot.updated_at = fx.now
    slot.rev += 1
    post_at = fx.now + VIDEO_POST_AFTER
    target = slot.target_date
    if target:
        scheduled = datetime.combine(datetime.fromisoformat(target).date(), VIDEO_POST_TIME)
        post_at = max(post_at, scheduled)
    fx.schedule("video.post", slot.id, slot.rev, at=post_at)


def video_to_review(fx: Effects, bundle: Bundle, slot: VideoSlot) -> None:
    slot.status = "in_review"
    slot.in_review_at = fx.now
    slot.updated_at = fx.now
    slot.rev += 1
    if slot.post_url is None:
        slot.post_url = post_url(fx, bundle)
    fx.emit("video.in_review", views.video_event(bundle, slot))
    if bundle.auto_finalize_videos:
        fx.schedule("video.auto_finalize", slot.id, slot.rev, after=AUTO_FINALIZE_AFTER)


def request_video_corrections(
    fx: Effects, bundle: Bundle, slot: VideoSlot, comment: str, fields: dict[str, Any]
) -> None:
    slot.status = "pending_corrections"
    slot.corrections.append({"comment": comment, "fields": fields, "requested_at": iso(fx.now)})
    slot.updated_at = fx.now
    slot.rev += 1
    fx.emit("video.pending_corrections", {**views.video_event(bundle, slot), "comment": comment})
    fx.schedule("video.resubmit", slot.id, slot.rev, after=CORRECTIONS_TAKE)


def finalize_video(fx: Effects, bundle: Bundle, slot: VideoSlot) -> None:
    slot.status = "finalized"
    slot.finalized_at = fx.now
    slot.updated_at = fx.now
    slot.rev += 1
    fx.emit("video.finalized", views.video_event(bundle, slot))
    check_completion(fx, bundle)


def post_url(fx: Effects, bundle: Bundle) -> str:
    username = username_of(fx.workspace, bundle)
    if bundle.platform == "instagram":
        return f"https://www.instagram.com/reel/{fx.world.ids.token(11)}/"
    return f"https://www.tiktok.com/@{username}/video/7{fx.world.ids.digits(18)}"


def username_of(ws: Workspace, bundle: Bundle) -> str:
    if bundle.account is not None and bundle.account.username:
        return bundle.account.username
    saved = ws.saved_accounts.get(bundle.saved_account_id or "")
    return saved.username if saved is not None else f"user_{bundle.id[:8]}"


# -- warming ----------------------------------------------------------------------------------


def warming_of(ws: Workspace, bundle: Bundle) -> WarmingSession | None:
    if bundle.warming_session_id is None:
        return None
    return ws.warming_sessions.get(bundle.warming_session_id)


def start_warming(fx: Effects, session: WarmingSession) -> None:
    session.status = "running"
    session.started_at = fx.now
    session.rev += 1
    fx.emit("warming.session_started", warming_event(session))
    fx.schedule("warming.term", session.id, session.rev, after=WARMING_TERM_EVERY)


def verify_warming_term(fx: Effects, session: WarmingSession) -> None:
    term = session.terms[session.terms_verified]
    session.terms_verified += 1
    seed = sum(ord(c) for c in term)
    session.reports.append(
        {
            "term": term,
            "status": "verified",
            "videos_watched": 20 + seed % 30,
            "likes": 5 + seed % 10,
            "saves": seed % 5,
            "comments": seed % 3,
            "keywords": term.split(),
            "proof_recording_url": f"https://proofs.tokportal.test/warming/{session.id}/{session.terms_verified}.mp4",
            "verified_at": iso(fx.now),
        }
    )
    session.rev += 1
    fx.emit("warming.term_verified", {**warming_event(session), "term": term})
    if session.terms_verified >= session.terms_total:
        session.status = "completed"
        session.completed_at = fx.now
        fx.emit("warming.session_completed", warming_event(session))
    else:
        fx.schedule("warming.term", session.id, session.rev, after=WARMING_TERM_EVERY)


def warming_event(session: WarmingSession) -> dict[str, Any]:
    return {
        "session_id": session.id,
        "bundle_id": session.bundle_id,
        "saved_account_id": session.saved_account_id,
        "status": session.status,
        "terms_total": session.terms_total,
        "terms_verified": session.terms_verified,
    }


# -- Coverage ---------------------------------------------------------------------------------


def subscription_event(saved: SavedAccount) -> dict[str, Any]:
    c = saved.coverage
    return {
        "saved_account_id": saved.id,
        "status": c.status,
        "current_period_end": iso(c.current_period_end),
        "lock_version": c.lock_version,
    }


def end_coverage(fx: Effects, saved: SavedAccount) -> None:
    c = saved.coverage
    if c.status == "ended":
        return
    c.status = "ended"
    c.ended_at = fx.now
    c.lock_version += 1
    c.rev += 1
    fx.emit("subscription.ended", subscription_event(saved))


# -- TokPortal-side bundle outcomes (driven by tests: Emulator.cancel_bundle / archive_bundle) --

BUNDLE_CANCELLABLE = frozenset(
    {"draft", "pending_setup", "published", "published_priority", "accepted"}
)
BUNDLE_ARCHIVABLE = frozenset({"completed", "cancelled"})


def cancel_bundle(fx: Effects, bundle: Bundle, *, reason: str, refund: bool) -> None:
    """TokPortal cancels an order (``bundle.cancelled``); optionally restores what it cost."""
    bundle.status = "cancelled"
    bundle.rev += 1
    # Every pending step of the simulated manager on this bundle becomes stale.
    if bundle.account is not None:
        bundle.account.rev += 1
    for slot in bundle.videos:
        slot.rev += 1
    touch(fx, bundle)
    fx.emit("bundle.cancelled", {**views.bundle(bundle), "reason": reason})
    if refund and bundle.credits_spent > 0:
        restore_credits(
            fx,
            bundle.credits_spent,
            description="Cancelled bundle refunded",
            reference_type="bundle",
            reference_id=bundle.id,
        )


def archive_bundle(fx: Effects, bundle: Bundle) -> None:
    bundle.status = "archived"
    bundle.rev += 1
    touch(fx, bundle)
    fx.emit("bundle.archived", views.bundle(bundle))


def restore_credits(
    fx: Effects, amount: int, *, description: str, reference_type: str, reference_id: str | None
) -> None:
    """Give ``amount`` credits back (a refund) and say so (``credits.restored``)."""
    record = credits.restore(
        fx.workspace,
        fx.world.ids,
        amount,
        now=fx.now,
        description=description,
        reference_type=reference_type,
        reference_id=reference_id,
    )
    event = {
        "amount": amount,
        "reason": record.description,
        "credits": fx.workspace.credits,
        "expires_at": iso(record.expires_at),
    }
    fx.emit("credits.restored", event)


# -- platform signals on posted videos and delivered accounts (test helpers) -------------------

POSTED_VIDEO = frozenset({"in_review", "finalized", "pending_corrections"})


def flag_video(fx: Effects, bundle: Bundle, slot: VideoSlot, flag: str) -> None:
    """The platform flags a posted video: ``video.<flag>``."""
    slot.updated_at = fx.now
    fx.emit(f"video.{flag}", {**views.video_event(bundle, slot), "flag": flag})


def warn_distribution(fx: Effects, saved: SavedAccount, reason: str) -> None:
    saved.updated_at = fx.now
    fx.emit(
        "account.distribution_warning",
        {
            "saved_account_id": saved.id,
            "account_id": saved.account_id,
            "bundle_id": saved.bundle_id,
            "username": saved.username,
            "platform": saved.platform,
            "reason": reason,
        },
    )


# -- bans, appeals, resolutions, remakes (driven by tests through the Emulator helpers) --------

BANNED_STATUSES = frozenset({"appeal_refused", "no_appeal_banned"})


def ban_event(saved: SavedAccount, ban: Ban) -> dict[str, Any]:
    return {
        "ban_id": ban.id,
        "saved_account_id": saved.id,
        "account_id": saved.account_id,
        "bundle_id": saved.bundle_id,
        "username": saved.username,
        "platform": saved.platform,
        "status": ban.status,
    }


def _mark_banned(fx: Effects, saved: SavedAccount, ban: Ban) -> None:
    saved.banned = True
    saved.banned_at = fx.now
    saved.updated_at = fx.now
    fx.emit("account.banned", {**ban_event(saved, ban), "banned_at": iso(fx.now)})


def ban_account(fx: Effects, saved: SavedAccount, *, status: str, resolution: str | None) -> Ban:
    """A ban report on a delivered account, in any documented ban status.

    ``no_appeal_banned`` / ``appeal_refused``: ``account.banned``; ``appeal_pending``: the
    account is unavailable but not banned, an appeal runs (``account.ban_appeal.submitted``);
    ``appeal_accepted``: reported and already lifted (``account.ban_appeal.resolved``).
    A ``resolution`` is then decided at once (see :func:`decide_ban_resolution`).
    """
    ban = Ban(
        id=fx.world.ids.uuid(),
        account_id=saved.id,
        bundle_id=saved.bundle_id,
        username=saved.username,
        platform=saved.platform,
        status=status,
        reported_at=fx.now,
        updated_at=fx.now,
    )
    fx.workspace.bans[ban.id] = ban
    saved.updated_at = fx.now
    if status in BANNED_STATUSES:
        _mark_banned(fx, saved, ban)
    elif status == "appeal_pending":
        fx.emit("account.ban_appeal.submitted", ban_event(saved, ban))
    elif status == "appeal_accepted":
        fx.emit("account.ban_appeal.resolved", {**ban_event(saved, ban), "accepted": True})
    if resolution is not None:
        decide_ban_resolution(fx, saved, ban, resolution)
    return ban


def submit_ban_appeal(fx: Effects, saved: SavedAccount, ban: Ban) -> None:
    """The account manager appeals a ban: the account is unavailable, no longer banned."""
    ban.status = "appeal_pending"
    ban.updated_at = fx.now
    saved.banned = False
    saved.banned_at = None
    saved.updated_at = fx.now
    fx.emit("account.ban_appeal.submitted", ban_event(saved, ban))


def resolve_ban_appeal(fx: Effects, saved: SavedAccount, ban: Ban, *, accepted: bool) -> None:
    ban.status = "appeal_accepted" if accepted else "appeal_refused"
    ban.updated_at = fx.now
    saved.updated_at = fx.now
    fx.emit("account.ban_appeal.resolved", {**ban_event(saved, ban), "accepted": accepted})
    if not accepted:
        _mark_banned(fx, saved, ban)


def decide_ban_resolution(fx: Effects, saved: SavedAccount, ban: Ban, resolution: str) -> None:
    """``refund`` restores the account's price, ``remake`` builds a replacement account
    (``account.remade``: a new ``saved_account_id``), ``no_remake`` closes the case."""
    refund = ACCOUNT_CREATION if resolution == "refund" else 0
    ban.resolution = {
        "resolution": resolution,
        "reason_code": ban.reason_code,
        "refund_credits": refund,
        "resolved_at": iso(fx.now),
    }
    ban.decided_at = fx.now
    ban.updated_at = fx.now
    fx.emit(
        "account.ban_resolution.decided",
        {**ban_event(saved, ban), "resolution": resolution, "refund_credits": refund},
    )
    if refund:
        restore_credits(
            fx,
            refund,
            description="Banned account refunded",
            reference_type="account_ban",
            reference_id=ban.id,
        )
    elif resolution == "remake":
        remake_account(fx, saved)


def remake_account(fx: Effects, old: SavedAccount) -> SavedAccount:
    """A replacement account for the same bundle listing: ``bundle_id`` and ``account_id``
    stay, the ``saved_account_id`` changes (API.md §1.12); the banned one stays listed."""
    new_id = fx.world.ids.uuid()
    username = f"{old.username[:20]}_{fx.world.ids.digits(3)}"
    coverage = Coverage(
        status="active",
        current_period_start=fx.now,
        current_period_end=fx.now + timedelta(days=COVERAGE_PERIOD_DAYS),
        price_per_period=old.coverage.price_per_period,
    )
    remade = attrs.evolve(
        old,
        id=new_id,
        username=username,
        visible_name=old.visible_name,
        created_at=fx.now,
        updated_at=fx.now,
        coverage=coverage,
        password=fx.world.ids.token(16),
        tokmail_email=f"{username.lower()}.{fx.world.ids.hex(4)}@tokmail.io",
        commenting_profile={},
        banned=False,
        banned_at=None,
        access_paid=False,
        detached=False,
        analytics_refreshed_at=None,
    )
    fx.workspace.saved_accounts[new_id] = remade
    bundle = fx.workspace.bundles.get(old.bundle_id)
    if bundle is not None:
        bundle.saved_account_id = new_id
        touch(fx, bundle)
    fx.schedule("coverage.renew", new_id, coverage.rev, at=coverage.current_period_end)
    fx.emit(
        "account.remade",
        {
            "bundle_id": old.bundle_id,
            "account_id": old.account_id,
            "previous_saved_account_id": old.id,
            "saved_account_id": new_id,
            "username": username,
            "platform": old.platform,
        },
    )
    return remade
