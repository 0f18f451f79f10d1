"""The simulated account manager: timers on the business clock, fired by ``Emulator.advance``.

A transition that needs time to pass schedules a :class:`~.state.Timer`; ``advance`` fires the
due timers in time order, moving the clock to each timer's instant so that chained steps
(accepted -> in review -> finalized) land at their exact times within one long advance.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import attrs

from . import credits, lifecycle
from .clock import BusinessClock
from .http import ApiError, iso
from .pricing import ADVANCED_WARMING_PER_TERM
from .state import Timer, Workspace, World

Publish = Callable[[World, str, str, Any, datetime], object]

COMMENT_SUBMIT_AFTER = timedelta(hours=2)
COMMENT_VERIFY_AFTER = timedelta(hours=1)
COMMENT_FINALIZE_AFTER = timedelta(hours=24)
COMMENT_DISPUTE_WINDOW = timedelta(hours=72)
COMMENT_RESUBMIT_AFTER = timedelta(hours=6)
COMMENT_BLOCKED_RECHECK = timedelta(hours=6)
COMMENT_AUTO_VERIFY_RATE = 0.75
AD_CODE_AFTER = timedelta(hours=24)
EDIT_REQUEST_AFTER = timedelta(hours=24)


def schedule(world: World, at: datetime, kind: str, workspace_id: str, ref: str, rev: int) -> None:
    world.timer_seq += 1
    heapq.heappush(world.timers, Timer(at, world.timer_seq, kind, workspace_id, ref, rev))


class Scheduling:
    """The ``schedule`` of :class:`lifecycle.Effects`, shared by the handler context and
    :class:`SimEffects`: a timer ``after`` a delay from ``now``, or ``at`` a time."""

    __slots__ = ()
    world: World
    workspace: Workspace
    now: datetime

    def schedule(
        self,
        kind: str,
        ref: str,
        rev: int,
        *,
        after: timedelta | None = None,
        at: datetime | None = None,
    ) -> None:
        when = at if at is not None else self.now + (after or timedelta())
        schedule(self.world, when, kind, self.workspace.id, ref, rev)


@attrs.define
class SimEffects(Scheduling):
    """:class:`lifecycle.Effects` for timers: events go straight to the webhook dispatcher."""

    world: World
    workspace: Workspace
    now: datetime
    publish: Publish

    def emit(self, event_type: str, data: Any) -> None:
        self.publish(self.world, self.workspace.id, event_type, data, self.now)


def advance(world: World, clock: BusinessClock, target: datetime, publish: Publish) -> int:
    """Fire every timer due up to ``target``; returns how many fired (stale ones excluded)."""
    fired = 0
    while world.timers and world.timers[0].at <= target:
        timer = heapq.heappop(world.timers)
        clock.move_to(timer.at)
        workspace = world.workspaces.get(timer.workspace_id)
        action = ACTIONS.get(timer.kind)
        if workspace is None or action is None:
            continue
        fx = SimEffects(world, workspace, clock.now, publish)
        if action(fx, timer):
            fired += 1
    clock.move_to(target)
    return fired


# -- actions: each checks that its entity did not move on since the timer was set -------------


def _bundle_accept(fx: SimEffects, t: Timer) -> bool:
    bundle = fx.workspace.bundles.get(t.ref)
    if (
        bundle is None
        or bundle.rev != t.rev
        or bundle.status not in ("published", "published_priority")
    ):
        return False
    lifecycle.accept_bundle(fx, bundle)
    return True


def _account_step(
    step: Callable[[SimEffects, Any], object], status: str
) -> Callable[[SimEffects, Timer], bool]:
    def action(fx: SimEffects, t: Timer) -> bool:
        bundle = fx.workspace.bundles.get(t.ref)
        acc = bundle.account if bundle is not None else None
        if bundle is None or acc is None or acc.rev != t.rev or acc.status != status:
            return False
        step(fx, bundle)
        return True

    return action


def _video_step(
    step: Callable[[SimEffects, Any, Any], object], status: str
) -> Callable[[SimEffects, Timer], bool]:
    def action(fx: SimEffects, t: Timer) -> bool:
        found = fx.workspace.find_video(t.ref)
        if found is None:
            return False
        bundle, slot = found
        if slot.rev != t.rev or slot.status != status:
            return False
        step(fx, bundle, slot)
        return True

    return action


def _coverage_renew(fx: SimEffects, t: Timer) -> bool:
    saved = fx.workspace.saved_accounts.get(t.ref)
    if saved is None or saved.coverage.rev != t.rev:
        return False
    c = saved.coverage
    if c.status != "active":
        return False
    try:
        credits.debit(
            fx.workspace,
            fx.world.ids,
            {"managed_subscription": c.price_per_period},
            now=fx.now,
            description="TokPortal Coverage renewal",
            reference_type="managed_subscription",
            reference_id=saved.id,
        )
    except ApiError:  # an unpaid renewal is the documented lapse, not an error
        c.status = "lapsed"
        c.lapsed_at = fx.now
        c.lock_version += 1
        c.rev += 1
        fx.emit("subscription.lapsed", lifecycle.subscription_event(saved))
        return True
    c.current_period_start = c.current_period_end
    c.current_period_end = c.current_period_end + timedelta(days=30)
    c.lock_version += 1
    c.rev += 1
    fx.emit("subscription.renewed", lifecycle.subscription_event(saved))
    fx.schedule("coverage.renew", saved.id, c.rev, at=c.current_period_end)
    return True


def _warming_term(fx: SimEffects, t: Timer) -> bool:
    session = fx.workspace.warming_sessions.get(t.ref)
    if session is None or session.rev != t.rev or session.status != "running":
        return False
    lifecycle.verify_warming_term(fx, session)
    return True


def _warming_refund(fx: SimEffects, t: Timer) -> bool:
    session = fx.workspace.warming_sessions.get(t.ref)
    if session is None or session.rev != t.rev or session.status != "awaiting_terms":
        return False
    session.status = "cancelled"
    session.cancelled_at = fx.now
    session.rev += 1
    lifecycle.restore_credits(
        fx,
        ADVANCED_WARMING_PER_TERM * session.terms_total,
        description="Unconfigured Advanced Niche Warming refunded after 14 days",
        reference_type="warming_session",
        reference_id=session.id,
    )
    return True


def _comment_blocked(fx: SimEffects, saved_account_id: str) -> bool:
    saved = fx.workspace.saved_accounts.get(saved_account_id)
    return saved is None or not saved.coverage.active or saved.banned


def _comment_submit(fx: SimEffects, t: Timer) -> bool:
    task = fx.workspace.comment_tasks.get(t.ref)
    if task is None or task.rev != t.rev or task.status not in ("pending", "pending_corrections"):
        return False
    if _comment_blocked(fx, task.saved_account_id):
        fx.schedule("comment.submit", task.id, task.rev, after=COMMENT_BLOCKED_RECHECK)
        return True
    task.status = "submitted"
    task.submitted_at = fx.now
    task.updated_at = fx.now
    task.correction_required = False
    task.rev += 1
    task.verifications.append(_verification(fx, task.id, "submitted", None))
    fx.schedule("comment.verify", task.id, task.rev, after=COMMENT_VERIFY_AFTER)
    return True


def _comment_verify(fx: SimEffects, t: Timer) -> bool:
    task = fx.workspace.comment_tasks.get(t.ref)
    if task is None or task.rev != t.rev or task.status != "submitted":
        return False
    task.rev += 1
    task.updated_at = fx.now
    if fx.world.ids.rng.random() < COMMENT_AUTO_VERIFY_RATE:
        task.status = "verified_auto"
        task.verified_at = fx.now
        task.verifications.append(_verification(fx, task.id, "auto_match", 0.97))
        fx.schedule("comment.finalize", task.id, task.rev, after=COMMENT_FINALIZE_AFTER)
    else:
        task.status = "manually_confirmed"
        task.manually_confirmed_at = fx.now
        task.client_dispute_deadline_at = fx.now + COMMENT_DISPUTE_WINDOW
        task.verifications.append(_verification(fx, task.id, "no_auto_match", 0.71))
        fx.schedule("comment.finalize", task.id, task.rev, at=task.client_dispute_deadline_at)
    return True


def _comment_finalize(fx: SimEffects, t: Timer) -> bool:
    task = fx.workspace.comment_tasks.get(t.ref)
    if (
        task is None
        or task.rev != t.rev
        or task.status not in ("verified_auto", "manually_confirmed")
    ):
        return False
    task.status = "finalized"
    task.finalized_at = fx.now
    task.updated_at = fx.now
    task.rev += 1
    return True


def _verification(
    fx: SimEffects, task_id: str, result: str, similarity: float | None
) -> dict[str, Any]:
    return {
        "id": fx.world.ids.uuid(),
        "task_id": task_id,
        "type": "scrape" if similarity is not None else "status_change",
        "result": result,
        "similarity": similarity,
        "comments_scanned": 100 if similarity is not None else 0,
        "checked_at": iso(fx.now),
    }


def _ad_code_submit(fx: SimEffects, t: Timer) -> bool:
    request = fx.workspace.ad_codes.get(t.ref)
    if request is None or request.rev != t.rev or request.status != "pending":
        return False
    request.status = "submitted"
    request.submitted_at = fx.now
    prefix = "#" if request.platform == "tiktok" else ""
    request.code = prefix + fx.world.ids.token(40 if request.platform == "tiktok" else 24)
    request.rev += 1
    return True


def _edit_request_complete(fx: SimEffects, t: Timer) -> bool:
    edit = fx.workspace.edit_requests.get(t.ref)
    if edit is None or edit.rev != t.rev or edit.status != "pending":
        return False
    saved = fx.workspace.saved_accounts.get(edit.account_id)
    if saved is not None:
        for field, value in edit.fields.items():
            target = field.removeprefix("requested_")
            if value is not None and hasattr(saved, target):
                setattr(saved, target, value)
        saved.updated_at = fx.now
    edit.status = "completed"
    edit.completed_at = fx.now
    edit.rev += 1
    return True


ACTIONS: dict[str, Callable[[SimEffects, Timer], bool]] = {
    "bundle.accept": _bundle_accept,
    "account.review": _account_step(lifecycle.account_to_review, "configured"),
    "account.auto_finalize": _account_step(lifecycle.finalize_account, "in_review"),
    "account.resubmit": _account_step(lifecycle.account_to_review, "pending_corrections"),
    "video.accept": _video_step(lifecycle.accept_video, "published"),
    "video.post": _video_step(lifecycle.video_to_review, "accepted"),
    "video.auto_finalize": _video_step(lifecycle.finalize_video, "in_review"),
    "video.resubmit": _video_step(lifecycle.video_to_review, "pending_corrections"),
    "coverage.renew": _coverage_renew,
    "warming.term": _warming_term,
    "warming.refund_unconfigured": _warming_refund,
    "comment.submit": _comment_submit,
    "comment.verify": _comment_verify,
    "comment.finalize": _comment_finalize,
    "ad_code.submit": _ad_code_submit,
    "edit_request.complete": _edit_request_complete,
}
