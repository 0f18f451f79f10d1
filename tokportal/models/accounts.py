"""Delivered (saved) accounts, their ban reports and their profile-edit requests."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model
from ._enums import OpenEnum, Platform


class BanStatus(OpenEnum):
    """Where a ban report stands; ``appeal_pending`` means unavailable, not banned."""

    APPEAL_PENDING = "appeal_pending"
    APPEAL_ACCEPTED = "appeal_accepted"
    APPEAL_REFUSED = "appeal_refused"
    NO_APPEAL_BANNED = "no_appeal_banned"


class BanResolutionKind(OpenEnum):
    """What staff decided for a validated ban (``pending``: not decided yet, a filter value)."""

    REFUND = "refund"
    REMAKE = "remake"
    NO_REMAKE = "no_remake"
    PENDING = "pending"


@attrs.frozen(kw_only=True)
class Account(Model):
    """A delivered account (``{id}`` of ``/accounts/{id}`` is its ``saved_account_id``).

    Banned accounts stay listed; ``banned`` marks them. No secrets are ever returned here.
    """

    id: str
    platform: Platform | str
    username: str
    visible_name: str | None = None
    biography: str | None = None
    profile_picture_url: str | None = None
    country: str
    link_in_bio: str | None = None
    profile_url: str | None = None
    tokmail_email: str | None = None
    banned: bool | None = None
    created_at: dt.datetime
    updated_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class BanResolution(Model):
    """Staff's decision on a validated ban (``refund_credits`` when refunded)."""

    resolution: BanResolutionKind | str
    reason_code: str | None = None
    refund_credits: int | None = None
    resolved_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class AccountBan(Model):
    """One ban report (``GET /account-bans``), the only source of truth about bans.

    ``updated_at`` is the watermark to pass back as ``since`` for incremental polling.
    """

    id: str
    account_id: str
    username: str | None = None
    platform: Platform | str
    bundle_id: str | None = None
    order_id: str | None = None
    status: BanStatus | str
    reported_at: dt.datetime
    decided_at: dt.datetime | None = None
    updated_at: dt.datetime
    resolution: BanResolution | None = None


@attrs.frozen(kw_only=True)
class EditRequest(Model):
    """A profile-edit request on a delivered account.

    The API documents only the ``requested_*`` fields; the rest of the object is in ``raw``.
    """

    id: str | None = None
    status: str | None = None
    requested_username: str | None = None
    requested_visible_name: str | None = None
    requested_biography: str | None = None
    requested_profile_picture_url: str | None = None
    requested_link_in_bio: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
