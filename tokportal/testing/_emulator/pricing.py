"""The price list of API.md §1.14 and the arithmetic that turns an order into a cost breakdown."""

from __future__ import annotations

from typing import Any

import attrs

ACCOUNT_CREATION = 32
ACCOUNT_CREATION_YOUTUBE = 100
VIDEO_SLOT = 2
EDIT_SLOT = 3
ADVANCED_WARMING_PER_TERM = 5
NICHE_WARMING = 7
SOUND_VOLUME = 1
STORY_REPOST = 1
INSTANT_REPOST_AS_STORY = 1
COVERAGE_PERIOD = 25
COVERAGE_PERIOD_DAYS = 30
CREDENTIAL_ACCESS = 150
COMMENT_TASK = 1
AD_CODE = 7

RESTORED_CREDITS_LIFETIME_DAYS = 60


@attrs.define
class PriceList:
    """The prices a bundle checkout uses, named as ``GET /credit-costs`` names them.

    Per emulator (``Emulator.change_prices`` moves them); ``refuse_next`` counts the paid
    checkouts still to be refused with 409 ``BUNDLE_PRICING_CHANGED`` (the client quoted
    before the change). The other prices of the list are fixed module constants.
    """

    account_creation: int = ACCOUNT_CREATION
    video_upload: int = VIDEO_SLOT
    video_edit: int = EDIT_SLOT
    advanced_warming: int = ADVANCED_WARMING_PER_TERM
    niche_warming: int = NICHE_WARMING
    refuse_next: int = 0


# The names ``change_prices`` accepts: the bundle checkout's prices.
CHANGEABLE = tuple(a.name for a in attrs.fields(PriceList) if a.name != "refuse_next")


def credit_costs(prices: PriceList | None = None) -> dict[str, Any]:
    """The ``data`` of ``GET /credit-costs``."""
    prices = prices or PriceList()
    return {
        "costs": {
            "account_creation": prices.account_creation,
            "account_creation_youtube": ACCOUNT_CREATION_YOUTUBE,
            "video_upload": prices.video_upload,
            "video_edit": prices.video_edit,
            "advanced_warming": prices.advanced_warming,
            "niche_warming": prices.niche_warming,
            "sound_volume": SOUND_VOLUME,
            "story_repost": STORY_REPOST,
            "instant_repost_as_story": INSTANT_REPOST_AS_STORY,
            "managed_subscription_period": COVERAGE_PERIOD,
            "credential_reveal": CREDENTIAL_ACCESS,
            "verification_code": CREDENTIAL_ACCESS,
            "comment_task": COMMENT_TASK,
            "ad_code": AD_CODE,
        },
        "advanced_warming_min_terms": 3,
        "advanced_warming_max_terms": 30,
        "managed_subscription_period_days": COVERAGE_PERIOD_DAYS,
        "contract_bundle_allowance": None,
        "currency": "credits",
    }


def bundle_breakdown(
    *,
    new_account: bool,
    videos: int,
    edits: int,
    warming_terms: int,
    niche_warming: bool,
    prices: PriceList | None = None,
) -> dict[str, int]:
    """Cost of one bundle, keyed like the documented ``cost_breakdown`` (``total`` included)."""
    prices = prices or PriceList()
    parts = {
        "account_creation": prices.account_creation if new_account else 0,
        "video_slots": prices.video_upload * videos,
        "edit_slots": prices.video_edit * edits,
        "advanced_warming": prices.advanced_warming * warming_terms,
        "niche_warming": prices.niche_warming if niche_warming else 0,
    }
    return with_total(parts)


def with_total(parts: dict[str, int]) -> dict[str, int]:
    items = {k: v for k, v in parts.items() if k != "total"}
    return {**items, "total": sum(items.values())}


def add_breakdowns(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    merged = dict(a)
    for key, value in b.items():
        if key != "total":
            merged[key] = merged.get(key, 0) + value
    return with_total(merged)
