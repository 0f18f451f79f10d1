"""Hand-written flow of ``client.webhooks`` (the rest is generated from the spec):
``list_events`` reads the event catalog, whose envelope has its own shape.

Event names are :class:`tokportal.webhooks.WebhookEventType` members or plain strings; the
API adds event types inside a version, so names this SDK does not know are sent as given.
To check a delivery's signature, see :mod:`tokportal.webhooks`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...models.webhooks import (
    WebhookEventCatalog,
    parse_catalog,
)
from ...webhooks import WebhookEventType
from ..resources._resource import AsyncResource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions

EventName = WebhookEventType | str


class AsyncWebhooksFlows(AsyncResource):
    """The hand-written methods of ``client.webhooks`` (the others are generated)."""

    async def list_events(self, **options: Unpack[RequestOptions]) -> WebhookEventCatalog:
        """The event catalog, with the envelope, delivery and signature rules
        (``listWebhookEvents``). Only types flagged ``emitted`` are delivered."""
        return parse_catalog(await self._request("listWebhookEvents", **options))
