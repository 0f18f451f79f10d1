"""A bundle's video slots: ``client.bundles.videos``."""

from __future__ import annotations

from ._resource import AsyncResource


class AsyncBundleVideos(AsyncResource):
    pass
