# Generated from tokportal/_async/resources/ad_codes.py by scripts/generate_sync.py; do not edit.
"""Ad codes (Spark / Partner codes): ``client.ad_codes``."""

from __future__ import annotations

from ._resource import Resource


class AdCodes(Resource):
    pass
