# Generated from tokportal/_async/resources/comments.py by scripts/generate_sync.py; do not edit.
"""Comment tasks: ``client.comments``."""

from __future__ import annotations

from ._resource import Resource


class Comments(Resource):
    pass
