"""Delivered (saved) accounts: ``client.accounts``."""

from __future__ import annotations

from ._resource import AsyncResource


class AsyncAccounts(AsyncResource):
    pass
