"""Webhook endpoints and deliveries: ``client.webhooks``."""

from __future__ import annotations

from ._resource import AsyncResource


class AsyncWebhooks(AsyncResource):
    pass
