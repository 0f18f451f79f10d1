"""TokPortal Coverage, the managed subscription of a delivered account (API.md §2.6, §1.17)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from .. import lifecycle, pricing, views
from ..context import Ctx
from ..http import Reply, conflict, iso, ok, parse_datetime, validation
from ..state import SavedAccount

PERIOD = timedelta(days=pricing.COVERAGE_PERIOD_DAYS)


def reactivation(saved: SavedAccount, now: datetime) -> tuple[int, datetime] | None:
    """(credits, new period end) to make Coverage active again; ``None`` once it has ended."""
    c = saved.coverage
    if c.status == "ended":
        return None
    if c.status == "active":
        return 0, c.current_period_end
    if c.current_period_end > now:
        # Paused inside a paid period: resuming costs nothing until that period ends.
        return 0, c.current_period_end
    # Every period that ran unpaid since the lapse, plus the one starting now.
    unpaid = max(1, math.ceil((now - c.current_period_end) / PERIOD))
    return unpaid * c.price_per_period, c.current_period_end + unpaid * PERIOD


def quote(saved: SavedAccount, now: datetime) -> dict[str, Any] | None:
    found = reactivation(saved, now)
    if found is None:
        return None
    credits, period_end = found
    return {
        "credits": credits,
        "current_period_end": iso(period_end),
        "lock_version": saved.coverage.lock_version,
    }


def get_subscription(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    return ok(views.coverage(saved, quote(saved, ctx.now)))


def reactivate(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    body = ctx.body
    expected_credits = body.integer("expected_credits", required=True)
    expected_end_raw = body.text("expected_current_period_end", required=True)
    expected_lock = body.integer("expected_lock_version", required=True)
    expected_end = parse_datetime(expected_end_raw)
    if expected_end is None:
        raise validation(
            "expected_current_period_end", "must be an ISO datetime", value=expected_end_raw
        )
    found = reactivation(saved, ctx.now)
    if found is None:
        raise conflict(
            "SUBSCRIPTION_ENDED",
            "Coverage has ended for good on this account.",
            account_id=saved.id,
        )
    credits, period_end = found
    c = saved.coverage
    echoed = (expected_credits, iso(expected_end), expected_lock)
    if echoed != (credits, iso(period_end), c.lock_version):
        raise conflict(
            "SUBSCRIPTION_QUOTE_CHANGED",
            "The reactivation quote changed; fetch it again and echo the new values.",
            account_id=saved.id,
            reactivation_quote=quote(saved, ctx.now),
        )
    if credits:
        ctx.charge(
            {"managed_subscription": credits},
            description="TokPortal Coverage reactivation",
            reference_type="managed_subscription",
            reference_id=saved.id,
        )
    was_active = c.active
    if c.current_period_end != period_end:
        c.current_period_start = period_end - PERIOD
        c.current_period_end = period_end
    c.status = "active"
    c.cancelled_at = c.lapsed_at = None
    c.lock_version += 1
    c.rev += 1
    ctx.schedule("coverage.renew", saved.id, c.rev, at=c.current_period_end)
    if not was_active:
        ctx.emit("subscription.reactivated", lifecycle.subscription_event(saved))
    return ok(
        views.coverage(saved, quote(saved, ctx.now)),
        credits_charged=ctx.charged,
        credits_remaining=ctx.workspace.credits,
    )


def cancel(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    c = saved.coverage
    if c.status == "ended":
        raise conflict(
            "SUBSCRIPTION_ENDED",
            "Coverage has ended for good on this account.",
            account_id=saved.id,
        )
    if c.status != "cancelled":
        c.status = "cancelled"
        c.cancelled_at = ctx.now
        c.lock_version += 1
        c.rev += 1
        ctx.emit("subscription.cancelled", lifecycle.subscription_event(saved))
    return ok(views.coverage(saved, quote(saved, ctx.now)))


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "getAccountManagedSubscription": get_subscription,
    "reactivateAccountManagedSubscription": reactivate,
    "cancelAccountManagedSubscription": cancel,
}
