"""The 428 consent flow: the quote a person accepts, and the secrets it unlocks.

Secret fields (passwords, codes) are left out of ``repr``/``str``; read them explicitly.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model
from ._consent_quote import ConsentQuote as ConsentQuote
from ._consent_quote import consent_quote_from as consent_quote_from
from ._enums import Platform
from .common import ChargeInfo


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

    credentials: AccountCredentials | None = None


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

    verification_code: VerificationCode | None = None
