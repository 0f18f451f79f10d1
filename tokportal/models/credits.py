"""Credits: balance, prices, history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from ._base import Model


@attrs.frozen(kw_only=True)
class CreditBalance(Model):
    """``GET /credits/balance``."""

    total_credits: int
    expiring_within_7_days: int


@attrs.frozen(kw_only=True)
class CreditCosts(Model):
    """``GET /credit-costs``: the live, workspace-specific price list.

    ``costs`` maps items (``account_creation``, ``video_upload``, ``video_edit``,
    ``advanced_warming``, …) to credits; ``contract_bundle_allowance`` overrides standard
    prices for qualifying bundles when present.
    """

    costs: Mapping[str, Any]
    contract_bundle_allowance: Mapping[str, Any] | None = None

    def price(self, item: str) -> int | None:
        """The price of one ``item`` (e.g. ``"account_creation"``), if listed as a number."""
        value = self.costs.get(item)
        return value if isinstance(value, int) and not isinstance(value, bool) else None


@attrs.frozen(kw_only=True)
class CreditTransaction(Model):
    """One line of ``GET /credits/history`` (item fields are not documented: see ``raw``)."""

    id: str | None = None
    amount: int | None = None
    type: str | None = None
    description: str | None = None
    created_at: dt.datetime | None = None
