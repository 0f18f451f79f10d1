# Generated from tokportal/_async/resources/webhooks.py by scripts/generate_sync.py; do not edit.
"""Webhook endpoints and deliveries: ``client.webhooks``."""

from __future__ import annotations

from ._resource import Resource


class Webhooks(Resource):
    pass
