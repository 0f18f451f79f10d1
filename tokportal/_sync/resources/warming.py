# Generated from tokportal/_async/resources/warming.py by scripts/generate_sync.py; do not edit.
"""Advanced Niche Warming: ``client.warming``."""

from __future__ import annotations

from ._resource import Resource


class Warming(Resource):
    pass
