# Generated from tokportal/_async/resources/analytics.py by scripts/generate_sync.py; do not edit.
"""Analytics: ``client.analytics``."""

from __future__ import annotations

from ._resource import Resource


class Analytics(Resource):
    pass
