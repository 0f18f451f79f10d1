"""A bundle's account: ``client.bundles.account``."""

from __future__ import annotations

from ._resource import AsyncResource


class AsyncBundleAccount(AsyncResource):
    pass
