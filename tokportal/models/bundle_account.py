"""A bundle's account: the profile to create, its review status and its warming progress."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model
from ._enums import AccountStatus, Platform


@attrs.frozen(kw_only=True)
class AdvancedWarmingSummary(Model):
    """Progress of the Advanced Niche Warming bought with the bundle (statuses are not
    documented, so ``status`` is a plain string)."""

    status: str
    terms_total: int
    terms_verified: int
    terms_configured: int | None = None
    started_at: dt.datetime | None = None
    completed_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class BundleAccountDetails(Model):
    """``GET /bundles/{id}/account``: the account listing's profile and status.

    ``saved_account_id`` (the id used by ``client.accounts``) is null until the account
    reaches ``in_review`` and changes on every remake; ``bundle_id`` and ``account_id`` are
    stable.
    """

    bundle_id: str | None = None
    account_id: str | None = None
    saved_account_id: str | None = None
    platform: Platform | str | None = None
    country: str | None = None
    status: AccountStatus | str
    username: str | None = None
    visible_name: str | None = None
    biography: str | None = None
    profile_picture_url: str | None = None
    link_in_bio: str | None = None
    niche_warming_instructions: str | None = None
    advanced_warming: AdvancedWarmingSummary | None = None
    configured_at: dt.datetime | None = None
    finalized_at: dt.datetime | None = None
