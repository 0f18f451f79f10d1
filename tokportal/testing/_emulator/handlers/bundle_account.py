"""The account of a bundle: profile configuration and review (API.md §2.3)."""

from __future__ import annotations

from collections.abc import Callable

from .. import lifecycle, views
from ..context import Ctx
from ..http import ApiError, Body, Reply, conflict, ok, validation
from ..state import Bundle, BundleAccount
from . import warming

EDITABLE_BUNDLE = frozenset({"pending_setup", "draft"})


def account_of(bundle: Bundle) -> BundleAccount:
    if bundle.account is None:
        raise ApiError(
            404,
            "ACCOUNT_NOT_FOUND",
            "A videos_only bundle has no account listing; it works on an existing account.",
            {"bundle_id": bundle.id, "bundle_type": bundle.bundle_type},
        )
    return bundle.account


def read_profile(body: Body, *, prefix: str = "", platform: str) -> dict[str, str | None]:
    """The profile fields shared by configure and edit requests (``prefix``: ``requested_``)."""
    p = prefix
    # Lengths, the username's characters and the URL are the field table's, checked before.
    profile = {
        "username": body.text(f"{p}username", required=True),
        "visible_name": body.text(f"{p}visible_name", required=True),
        "biography": body.text(f"{p}biography", nullable=True),
        "profile_picture_url": body.text(f"{p}profile_picture_url", nullable=True),
        "link_in_bio": body.text(f"{p}link_in_bio", nullable=True),
    }
    if profile["link_in_bio"] is not None and platform != "instagram":
        raise validation(f"{p}link_in_bio", "is only supported on Instagram")
    return profile


def get_account(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    acc = account_of(bundle)
    return ok(views.bundle_account(bundle, acc, lifecycle.warming_of(ctx.workspace, bundle)))


def configure_account(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    acc = account_of(bundle)
    if bundle.status not in EDITABLE_BUNDLE:
        raise conflict(
            "BUNDLE_INVALID_STATUS",
            "The account can only be configured before publishing; unpublish first.",
            current_status=bundle.status,
        )
    profile = read_profile(ctx.body, platform=bundle.platform)
    instructions = ctx.body.text("niche_warming_instructions", nullable=True)
    terms = ctx.body.str_list("advanced_warming_terms", nullable=True)
    if terms is not None:
        warming.set_bundle_terms(ctx, bundle, terms)
    for field, value in profile.items():
        setattr(acc, field, value)
    if instructions is not None:
        acc.niche_warming_instructions = instructions
    acc.status = "configured"
    acc.configured_at = ctx.now
    acc.rev += 1
    bundle.updated_at = ctx.now
    ctx.emit("account.configured", views.account_event(bundle))
    return ok(views.bundle_account(bundle, acc, lifecycle.warming_of(ctx.workspace, bundle)))


def request_corrections(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    acc = account_of(bundle)
    comment = ctx.body.text("comment", required=True)
    fields = ctx.body.obj("fields") or {}
    if acc.status != "in_review":
        raise conflict(
            "ACCOUNT_INVALID_STATUS",
            "Corrections can only be requested while the account is in review.",
            current_status=acc.status,
        )
    lifecycle.request_account_corrections(ctx, bundle, comment, fields)
    return ok(views.bundle_account(bundle, acc, lifecycle.warming_of(ctx.workspace, bundle)))


def finalize_account(ctx: Ctx) -> Reply:
    bundle = ctx.bundle()
    acc = account_of(bundle)
    if acc.status != "in_review":
        raise conflict(
            "ACCOUNT_INVALID_STATUS",
            "Only an account in review can be finalized.",
            current_status=acc.status,
        )
    lifecycle.finalize_account(ctx, bundle)
    return ok(views.bundle_account(bundle, acc, lifecycle.warming_of(ctx.workspace, bundle)))


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "getBundleAccount": get_account,
    "configureBundleAccount": configure_account,
    "requestBundleAccountCorrections": request_corrections,
    "finalizeBundleAccount": finalize_account,
}
