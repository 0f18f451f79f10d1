"""Models shared by several resource groups."""

from __future__ import annotations

from typing import Any

import attrs

from ._base import Model


@attrs.frozen(kw_only=True)
class CostBreakdown(Model):
    """How the credits of a write add up (``cost_breakdown``)."""

    account_creation: int | None = None
    video_slots: int | None = None
    edit_slots: int | None = None
    advanced_warming: int | None = None
    total: int


@attrs.frozen(kw_only=True)
class ChargeInfo(Model):
    """The siblings of ``data`` on a paid write (and on any dry run).

    ``dry_run`` is True when nothing was done: ``credits_would_charge`` is then the quote.
    """

    credits_charged: int | None = None
    credits_remaining: int | None = None
    cost_breakdown: CostBreakdown | None = None
    dry_run: bool | None = None
    credits_would_charge: int | None = None
    dry_run_notice: str | None = None


@attrs.frozen(kw_only=True)
class Result(ChargeInfo):
    """A write's whole response when ``data`` is an object this SDK does not model further."""

    data: Any = None
