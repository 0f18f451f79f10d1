"""Advanced Niche Warming: ``client.warming``."""

from __future__ import annotations

from ._resource import AsyncResource


class AsyncWarming(AsyncResource):
    pass
