"""TokPortal Coverage (managed subscriptions): ``client.coverage``."""

from __future__ import annotations

from ._resource import AsyncResource


class AsyncCoverage(AsyncResource):
    pass
