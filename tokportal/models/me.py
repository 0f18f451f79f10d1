"""The key owner's profile."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model


@attrs.frozen(kw_only=True)
class User(Model):
    """``GET /me``: the profile and credit balance of the key's owner."""

    email: str
    credits: int
    plan: str | None = None
    created_at: dt.datetime | None = None
