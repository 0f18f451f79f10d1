"""The 428 consent flow: the quote a person accepts, and the secrets it unlocks.

Secret fields (passwords, codes) are left out of ``repr``/``str``; read them explicitly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from ._base import Model
from ._enums import Platform
from .common import ChargeInfo


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
    from ._converter import converter

    quote: ConsentQuote = converter.structure(details, ConsentQuote)
    return quote


@attrs.frozen(kw_only=True)
class AccountCredentials(Model):
    """A delivered account's login. ``password`` and ``email_password`` are secrets: they
    are not in ``repr``; the account is detached from TokPortal management once revealed."""

    account_id: str | None = None
    platform: Platform | str | None = None
    username: str | None = None
    email: str | None = None
    password: str | None = attrs.field(default=None, repr=False)
    email_password: str | None = attrs.field(default=None, repr=False)
    policy_version: str | None = None
    management_ended: bool | None = None


@attrs.frozen(kw_only=True)
class CredentialsReveal(ChargeInfo):
    """``POST /accounts/{id}/reveal-credentials``: the credentials and what they cost."""

    __wire_names__ = {"credentials": ("data",)}

    credentials: AccountCredentials


@attrs.frozen(kw_only=True)
class VerificationCode(Model):
    """The account's latest verification code. ``code`` is a secret: not in ``repr``."""

    account_id: str | None = None
    platform: Platform | str | None = None
    code: str | None = attrs.field(default=None, repr=False)
    source: str | None = None
    received_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    policy_version: str | None = None


@attrs.frozen(kw_only=True)
class VerificationCodeResult(ChargeInfo):
    """``POST /accounts/{id}/verification-code``: the code and what it cost."""

    __wire_names__ = {"verification_code": ("data",)}

    verification_code: VerificationCode
