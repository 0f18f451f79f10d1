"""Media uploads: ``client.uploads``."""

from __future__ import annotations

from ._resource import AsyncResource


class AsyncUploads(AsyncResource):
    pass
