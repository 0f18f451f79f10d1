"""Delivered (saved) accounts, bans, edit requests and the 428 consent flow (API.md §2.5, §1.16)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from .. import catalog, lifecycle, pricing, views
from ..context import Ctx
from ..http import ApiError, Reply, conflict, iso, ok, paginate, validation
from ..state import EditRequest, SavedAccount
from .bundle_account import read_profile
from .bundles import task_blocked

POLICY_VERSION = "managed-credential-reveal-v1"
CONSEQUENCES = (
    "The credit charge is final and non-refundable.",
    "The account is permanently detached from TokPortal management and becomes read-only in TokPortal.",
    "TokPortal Coverage and support (including ban coverage) end for this account.",
)
EDIT_REQUEST_AFTER_HOURS = 24


def list_accounts(ctx: Ctx) -> Reply:
    platform = ctx.query.get("platform")
    country_raw = ctx.query.get("country")
    country = (catalog.any_country(country_raw) or country_raw) if country_raw else None
    banned = ctx.query.flag("banned")
    rows = [
        views.saved_account(a)
        for a in reversed(ctx.workspace.saved_accounts.values())
        if (platform is None or a.platform == platform)
        and (country is None or a.country == country)
        and (banned is None or a.banned == banned)
    ]
    return paginate(rows, ctx.query)


def list_bans(ctx: Ctx) -> Reply:
    q = ctx.query
    status = q.enum(
        "status", ("appeal_pending", "appeal_accepted", "appeal_refused", "no_appeal_banned")
    )
    resolution = q.enum("resolution", ("refund", "remake", "no_remake", "pending"))
    account_id = q.get("account_id")
    since = q.timestamp("since")
    screenshots = bool(q.flag("include_screenshots"))
    rows = []
    for ban in sorted(ctx.workspace.bans.values(), key=lambda b: b.updated_at):
        decided = ban.resolution["resolution"] if ban.resolution else "pending"
        if status is not None and ban.status != status:
            continue
        if resolution is not None and decided != resolution:
            continue
        if account_id is not None and ban.account_id != account_id:
            continue
        if since is not None and ban.updated_at <= since:
            continue
        rows.append(views.ban(ban, include_screenshots=screenshots))
    return paginate(rows, q)


def get_account(ctx: Ctx) -> Reply:
    return ok(views.saved_account(ctx.saved_account()))


def update_commenting_profile(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    if not ctx.body.raw:
        raise validation("body", "at least one commenting-profile field is required")
    for key, value in ctx.body.raw.items():
        if value is None:
            saved.commenting_profile.pop(key, None)
        else:
            saved.commenting_profile[key] = value
    saved.updated_at = ctx.now
    return ok(views.saved_account(saved))


def list_account_bundles(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    status = ctx.query.get("status")
    rows = [
        views.bundle(b)
        for b in reversed(ctx.workspace.bundles.values())
        if b.saved_account_id == saved.id and (status is None or b.status == status)
    ]
    return paginate(rows, ctx.query)


# -- the 428 consent flow ---------------------------------------------------------------------


def quote(saved: SavedAccount) -> dict[str, Any]:
    return {
        "account_id": saved.id,
        "policy_version": POLICY_VERSION,
        "expected_credit_cost": 0 if saved.access_paid else pricing.CREDENTIAL_ACCESS,
        "currency": "credits",
        "consequences": list(CONSEQUENCES),
        "required_body": {"acknowledge_support_forfeit": True, "policy_version": POLICY_VERSION},
    }


def require_consent(ctx: Ctx, saved: SavedAccount, what: str) -> None:
    """No (or no positive) acknowledgement: 428. A stale policy version: 409, nothing charged."""
    body = ctx.body
    if body.raw.get("acknowledge_support_forfeit") is not True:
        raise ApiError(
            428,
            "POLICY_ACKNOWLEDGEMENT_REQUIRED",
            f"Accessing {what} needs a person's consent: repeat the call with "
            "acknowledge_support_forfeit=true and the policy_version from details.",
            quote(saved),
        )
    version = body.text("policy_version", required=True, min_len=1)
    expected_cost = body.integer("expected_credit_cost", nullable=True)
    current = quote(saved)
    if version != POLICY_VERSION or (
        expected_cost is not None and expected_cost != current["expected_credit_cost"]
    ):
        raise ApiError(
            409,
            "CREDENTIAL_REVEAL_QUOTE_CHANGED",
            "The disclosure or price changed; show the new terms and get fresh consent. Nothing was charged.",
            current,
        )


def take_access(ctx: Ctx, saved: SavedAccount, kind: str) -> int:
    cost = 0 if saved.access_paid else pricing.CREDENTIAL_ACCESS
    if cost:
        ctx.charge(
            {"credential_access": cost},
            description=f"Account {kind} (first access)",
            reference_type="saved_account",
            reference_id=saved.id,
        )
    saved.access_paid = True
    first_detach = not saved.detached
    saved.detached = True
    saved.updated_at = ctx.now
    lifecycle.end_coverage(ctx, saved)
    if first_detach or cost:
        ctx.emit(
            "account.revealed",
            {"saved_account_id": saved.id, "kind": kind, "management_ended": True},
        )
    return cost


def reveal_credentials(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    require_consent(ctx, saved, "the account credentials")
    cost = take_access(ctx, saved, "credentials")
    data: dict[str, Any] = {
        "account_id": saved.id,
        "platform": saved.platform,
        "username": saved.username,
        "policy_version": POLICY_VERSION,
        "management_ended": True,
    }
    if not ctx.dry_run:  # a dry run never hands out a secret
        data.update(
            {
                "password": saved.password,
                "email": saved.tokmail_email,
                "email_password": saved.password[::-1],
            }
        )
    return ok(data, credits_charged=cost, credits_remaining=ctx.workspace.credits)


def verification_code(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    require_consent(ctx, saved, "the account verification code")
    cost = take_access(ctx, saved, "verification_code")
    data: dict[str, Any] = {
        "account_id": saved.id,
        "platform": saved.platform,
        "source": "tokmail",
        "received_at": iso(ctx.now),
        "expires_at": iso(ctx.now.replace(microsecond=0) + timedelta(minutes=10)),
        "policy_version": POLICY_VERSION,
    }
    if not ctx.dry_run:
        data["code"] = ctx.ids.digits(6)
    return ok(data, credits_charged=cost, credits_remaining=ctx.workspace.credits)


# -- profile edit requests ------------------------------------------------------------------------


def active_edit_request(ctx: Ctx, saved: SavedAccount) -> EditRequest | None:
    for edit in reversed(ctx.workspace.edit_requests.values()):
        if edit.account_id == saved.id and edit.status == "pending":
            return edit
    return None


def get_edit_request(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    edit = active_edit_request(ctx, saved)
    return ok(views.edit_request(edit) if edit is not None else None)


def create_edit_request(ctx: Ctx) -> Reply:
    saved = ctx.saved_account()
    profile = read_profile(ctx.body, prefix="requested_", platform=saved.platform)
    if not saved.coverage.active or saved.banned or saved.detached:
        raise task_blocked(saved.id, saved.coverage.status)
    existing = active_edit_request(ctx, saved)
    if existing is not None:
        raise conflict(
            "EDIT_REQUEST_ALREADY_PENDING",
            "This account already has a pending edit request.",
            edit_request_id=existing.id,
        )
    edit = EditRequest(
        id=ctx.ids.uuid(),
        account_id=saved.id,
        status="pending",
        fields={f"requested_{k}": v for k, v in profile.items()},
        created_at=ctx.now,
    )
    ctx.workspace.edit_requests[edit.id] = edit
    ctx.schedule(
        "edit_request.complete", edit.id, edit.rev, after=timedelta(hours=EDIT_REQUEST_AFTER_HOURS)
    )
    return ok(views.edit_request(edit))


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "listAccounts": list_accounts,
    "listAccountBans": list_bans,
    "getAccount": get_account,
    "updateAccountCommentingProfile": update_commenting_profile,
    "listAccountBundles": list_account_bundles,
    "retrieveAccountVerificationCode": verification_code,
    "revealAccountCredentials": reveal_credentials,
    "getAccountEditRequest": get_edit_request,
    "createAccountEditRequest": create_edit_request,
}
