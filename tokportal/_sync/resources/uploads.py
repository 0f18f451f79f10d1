# Generated from tokportal/_async/resources/uploads.py by scripts/generate_sync.py; do not edit.
"""Media uploads: ``client.uploads``."""

from __future__ import annotations

from ._resource import Resource


class Uploads(Resource):
    pass
