"""TokPortal Coverage: the managed subscription of a delivered account."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model
from ._converter import converter
from ._enums import OpenEnum
from .common import ChargeInfo


class CoverageStatus(OpenEnum):
    """``ended`` is terminal: it cannot be reactivated."""

    ACTIVE = "active"
    LAPSED = "lapsed"
    CANCELLED = "cancelled"
    ENDED = "ended"


@attrs.frozen(kw_only=True)
class ReactivationQuote(Model):
    """The price of reactivating Coverage, locked by ``lock_version``.

    ``current_period_end`` is kept as the exact string received because reactivation must
    echo it unchanged (optimistic locking); :attr:`current_period_end_at` parses it.
    """

    credits: int
    current_period_end: str
    lock_version: int

    @property
    def current_period_end_at(self) -> dt.datetime | None:
        """The end as a ``datetime`` (None if it is not an ISO 8601 date-time)."""
        try:
            value: dt.datetime = converter.structure(self.current_period_end, dt.datetime)
        except ValueError:
            return None
        return value


@attrs.frozen(kw_only=True)
class CoverageSubscription(Model):
    """``GET /accounts/{id}/managed-subscription``: the status and, when reactivation is
    possible, its quote."""

    status: CoverageStatus | str
    reactivation_quote: ReactivationQuote | None = None

    @property
    def is_active(self) -> bool:
        """Coverage is active: tasks on the account are allowed."""
        return self.status == CoverageStatus.ACTIVE


@attrs.frozen(kw_only=True)
class CoverageResult(ChargeInfo):
    """A reactivation's whole response: the Coverage and what it cost (or would cost)."""

    __wire_names__ = {"coverage": ("data",)}

    coverage: CoverageSubscription
