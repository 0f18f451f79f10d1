# Generated from tokportal/_async/resources/webhooks.py by scripts/generate_sync.py; do not edit.
"""Webhook endpoints and deliveries: ``client.webhooks``.

Event names are :class:`tokportal.webhooks.WebhookEventType` members or plain strings; the
API adds event types inside a version, so names this SDK does not know are sent as given.
To check a delivery's signature, see :mod:`tokportal.webhooks`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..._core import validation_analytics as checks
from ..._core.requests import path_arg
from ..._types import NOT_GIVEN, NotGiven
from ...models._parse import item_parser, parse_model
from ...models.webhooks import (
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEventCatalog,
    parse_catalog,
)
from ...webhooks import WebhookEventType
from ..pagination import Paginator
from ._resource import Resource, omit_not_given

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions

EventName = WebhookEventType | str


class Webhooks(Resource):
    """``client.webhooks``: webhook endpoints and their deliveries."""

    def list_events(self, **options: Unpack[RequestOptions]) -> WebhookEventCatalog:
        """The event catalog, with the envelope, delivery and signature rules
        (``listWebhookEvents``). Only types flagged ``emitted`` are delivered."""
        return parse_catalog(self._request("listWebhookEvents", **options))

    def list(
        self,
        *,
        enabled: bool | NotGiven = NOT_GIVEN,
        event: EventName | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        **options: Unpack[RequestOptions],
    ) -> Paginator[WebhookEndpoint]:
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

    def create(
        self,
        *,
        url: str,
        events: Sequence[EventName],
        description: str | NotGiven = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> WebhookEndpoint:
        """Create an endpoint (``createWebhookEndpoint``).

        The result's ``signing_secret`` is shown this once: store it now. The API refuses an
        idempotency key here; after an uncertain network failure, list the endpoints before
        calling again.
        """
        body = omit_not_given(
            {"url": url, "events": events, "description": description, "enabled": enabled}
        )
        checks.check_endpoint_fields(body)
        response = self._request("createWebhookEndpoint", body=body, **options)
        return parse_model(response, WebhookEndpoint)

    def get(self, webhook_id: str, **options: Unpack[RequestOptions]) -> WebhookEndpoint:
        """One endpoint, without its signing secret (``getWebhookEndpoint``)."""
        response = self._request(
            "getWebhookEndpoint", path_params={"id": path_arg("webhook_id", webhook_id)}, **options
        )
        return parse_model(response, WebhookEndpoint)

    def update(
        self,
        webhook_id: str,
        *,
        url: str | NotGiven = NOT_GIVEN,
        events: Sequence[EventName] | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> WebhookEndpoint:
        """Change an endpoint; ``description=None`` clears it (``updateWebhookEndpoint``)."""
        body = omit_not_given(
            {"url": url, "events": events, "description": description, "enabled": enabled}
        )
        checks.check_endpoint_update(body, has_extra=bool(options.get("extra_body")))
        response = self._request(
            "updateWebhookEndpoint",
            path_params={"id": path_arg("webhook_id", webhook_id)},
            body=body,
            **options,
        )
        return parse_model(response, WebhookEndpoint)

    def delete(self, webhook_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete an endpoint; its deliveries stop (``deleteWebhookEndpoint``)."""
        self._request(
            "deleteWebhookEndpoint",
            path_params={"id": path_arg("webhook_id", webhook_id)},
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
    ) -> Paginator[WebhookDelivery]:
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

    def retry_delivery(
        self, webhook_id: str, delivery_id: str, **options: Unpack[RequestOptions]
    ) -> WebhookDelivery:
        """Send one delivery again (``retryWebhookDelivery``)."""
        response = self._request(
            "retryWebhookDelivery",
            path_params={
                "id": path_arg("webhook_id", webhook_id),
                "delivery_id": path_arg("delivery_id", delivery_id),
            },
            **options,
        )
        return parse_model(response, WebhookDelivery)

    def test(self, webhook_id: str, **options: Unpack[RequestOptions]) -> WebhookDelivery:
        """Send a ``webhook.test`` event to the endpoint (``testWebhookEndpoint``)."""
        response = self._request(
            "testWebhookEndpoint", path_params={"id": path_arg("webhook_id", webhook_id)}, **options
        )
        return parse_model(response, WebhookDelivery)
