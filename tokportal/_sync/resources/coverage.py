# Generated from tokportal/_async/resources/coverage.py by scripts/generate_sync.py; do not edit.
"""TokPortal Coverage (managed subscriptions): ``client.coverage``."""

from __future__ import annotations

from ._resource import Resource


class Coverage(Resource):
    pass
