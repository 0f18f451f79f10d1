"""Analytics: ``client.analytics``."""

from __future__ import annotations

from ._resource import AsyncResource


class AsyncAnalytics(AsyncResource):
    pass
