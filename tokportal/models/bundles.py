"""Bundles: one account (new or delivered) plus optional video slots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from ._base import Model
from ._enums import AccountStatus, BundleStatus, BundleType, Platform
from .common import ChargeInfo, CostBreakdown


@attrs.frozen(kw_only=True)
class Bundle(Model):
    """A bundle. ``id`` is filled whether the API sends ``id`` or ``bundle_id``."""

    __wire_names__ = {"id": ("id", "bundle_id")}

    id: str
    title: str | None = None
    bundle_type: BundleType | str | None = None
    platform: Platform | str | None = None
    country: str | None = None
    status: BundleStatus | str
    external_ref: str | None = None
    videos_quantity: int | None = None
    edits_quantity: int | None = None
    videos_configured_count: int | None = None
    is_published: bool | None = None
    account_configured: bool | None = None
    account_status: AccountStatus | str | None = None
    saved_account_id: str | None = None
    auto_finalize_videos: bool | None = None
    review_mode: str | None = None
    created_at: dt.datetime | None = None
    published_at: dt.datetime | None = None
    unpublished_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class BundleResult(ChargeInfo):
    """A bundle write's whole response: the bundle plus what it cost (or would cost).

    Bundle creation and slot purchases always report ``credits_charged`` (0 on a dry run),
    ``credits_remaining`` and ``cost_breakdown``.
    """

    __wire_names__ = {"bundle": ("data",)}

    bundle: Bundle
    credits_charged: int
    credits_remaining: int
    cost_breakdown: CostBreakdown


@attrs.frozen(kw_only=True)
class BulkBundleResult(ChargeInfo):
    """``POST /bundles/bulk``: the bundles created in one atomic batch, and their cost."""

    data: Mapping[str, Any] | None = None

    @property
    def bundle_ids(self) -> list[str]:
        """The ids of the bundles created, in the API's order."""
        data = self.data or {}
        ids = data.get("bundle_ids")
        if isinstance(ids, list):
            return [str(i) for i in ids]
        bundles = data.get("bundles")
        if isinstance(bundles, list):
            return [
                str(b.get("id") or b.get("bundle_id"))
                for b in bundles
                if isinstance(b, Mapping) and (b.get("id") or b.get("bundle_id"))
            ]
        return []


@attrs.frozen(kw_only=True)
class PublishReadiness(Model):
    """``GET /bundles/{id}/publish-readiness``: ``blockers`` empty means ready."""

    ready: bool | None = None
    blockers: list[Any]

    @property
    def is_ready(self) -> bool:
        """Nothing blocks publishing."""
        if self.ready is not None:
            return self.ready
        return not self.blockers

    @property
    def blocker_codes(self) -> list[str]:
        """The codes of what stops the bundle from publishing."""
        codes = []
        for blocker in self.blockers:
            if isinstance(blocker, str):
                codes.append(blocker)
            elif isinstance(blocker, Mapping) and isinstance(blocker.get("code"), str):
                codes.append(blocker["code"])
        return codes
