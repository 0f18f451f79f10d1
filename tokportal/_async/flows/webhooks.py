"""The hand-written flows of ``webhooks``: what the spec's generator does not write.

Webhook endpoints and deliveries: ``client.webhooks``.

Event names are :class:`tokportal.webhooks.WebhookEventType` members or plain strings; the
API adds event types inside a version, so names this SDK does not know are sent as given.
To check a delivery's signature, see :mod:`tokportal.webhooks`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..._core import validation_analytics as checks
from ..._core.requests import path_arg
from ..._types import NOT_GIVEN, NotGiven
from ...models._parse import item_parser
from ...models.webhooks import (
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEventCatalog,
    parse_catalog,
)
from ...webhooks import WebhookEventType
from ..pagination import AsyncPaginator
from ..resources._resource import AsyncResource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions

EventName = WebhookEventType | str


class AsyncWebhooksFlows(AsyncResource):
    """The special flows of ``AsyncWebhooks`` (its generated methods come from the spec)."""

    async def list_events(self, **options: Unpack[RequestOptions]) -> WebhookEventCatalog:
        """The event catalog, with the envelope, delivery and signature rules
        (``listWebhookEvents``). Only types flagged ``emitted`` are delivered."""
        return parse_catalog(await self._request("listWebhookEvents", **options))

    def list(
        self,
        *,
        enabled: bool | NotGiven = NOT_GIVEN,
        event: EventName | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[WebhookEndpoint]:
        """Endpoints, page by page; ``event`` keeps those subscribed to it
        (``listWebhookEndpoints``)."""
        query: dict[str, Any] = {}
        if enabled is not NOT_GIVEN:
            query["enabled"] = checks.flag("enabled", enabled)
        if event is not NOT_GIVEN:
            query["event"] = checks.text("event", event)
        return self._paginate(
            "listWebhookEndpoints",
            item_parser(WebhookEndpoint),
            query=query,
            per_page=per_page,
            **options,
        )

    def list_deliveries(
        self,
        webhook_id: str,
        *,
        event_type: EventName | NotGiven = NOT_GIVEN,
        success: bool | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[WebhookDelivery]:
        """An endpoint's deliveries, page by page (``listWebhookDeliveries``)."""
        query: dict[str, Any] = {}
        if event_type is not NOT_GIVEN:
            query["event_type"] = checks.text("event_type", event_type)
        if success is not NOT_GIVEN:
            query["success"] = checks.flag("success", success)
        return self._paginate(
            "listWebhookDeliveries",
            item_parser(WebhookDelivery),
            path_params={"id": path_arg("webhook_id", webhook_id)},
            query=query,
            per_page=per_page,
            **options,
        )
