"""The quote a person accepts before a paid secret is handed out (API.md §1.16).

A leaf apart from ``consent.py``: the 428 and 409 errors read it from their ``details``, and
``errors`` must not import the models built above it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._base import Model
from ._converter import converter


@attrs.frozen(kw_only=True)
class ConsentQuote(Model):
    """The terms to show a person before credentials or a code are handed out: the policy
    version to echo back, the price in credits and the consequences (API.md §1.16)."""

    __wire_names__ = {
        "expected_credit_cost": ("expected_credit_cost", "price"),
        "disclosure": ("disclosure", "disclosure_text"),
    }

    policy_version: str | None = None
    """Echo it exactly as ``policy_version=`` once the person accepted."""
    expected_credit_cost: int | None = None
    """Credits the accepted call will charge (0 for accounts created before the cutover)."""
    currency: str | None = None
    consequences: list[str] | None = None
    """What accepting does, e.g. the account is detached and support ends."""
    disclosure: str | None = None
    account_id: str | None = None

    @property
    def disclosure_text(self) -> str:
        """The text to show: the disclosure when the API sends one, else the consequences."""
        if self.disclosure:
            return self.disclosure
        return "\n".join(self.consequences or [])


def consent_quote_from(details: Mapping[str, Any]) -> ConsentQuote:
    """The quote carried by an error's ``details`` (unknown fields kept in ``extra``)."""
    quote: ConsentQuote = converter.structure(details, ConsentQuote)
    return quote
