# Generated from tokportal/_async/resources/bundle_videos.py by scripts/generate_sync.py; do not edit.
"""A bundle's video slots: ``client.bundles.videos``."""

from __future__ import annotations

from ._resource import Resource


class BundleVideos(Resource):
    pass
