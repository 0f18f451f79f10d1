"""The webhooks operations (API.md)."""

from __future__ import annotations

from ._schema import Field, Operation, PathParam
from ._shared import PER_PAGE

OPERATIONS = (
    Operation(
        id="listWebhookEvents",
        method="webhooks.list_events",
        returns="WebhookEventCatalog",
        envelope="custom",
        flow="hand",
        doc="The event catalog, with the envelope, delivery and signature rules\n(``listWebhookEvents``). Only types flagged ``emitted`` are delivered.",
    ),
    Operation(
        id="listWebhookEndpoints",
        method="webhooks.list",
        returns="AsyncPaginator[WebhookEndpoint]",
        envelope="page",
        doc="Endpoints, page by page; ``event`` keeps those subscribed to it\n(``listWebhookEndpoints``).",
        query=(
            Field(
                "enabled", "bool", "bool", doc="Only enabled (True) or disabled (False) endpoints."
            ),
            Field(
                "event",
                "str",
                "EventName",
                not_blank=True,
                doc="Only endpoints subscribed to this event type.",
            ),
            PER_PAGE,
        ),
    ),
    Operation(
        id="createWebhookEndpoint",
        method="webhooks.create",
        returns="WebhookEndpoint",
        envelope="data",
        doc="Create an endpoint (``createWebhookEndpoint``).\n\nThe result's ``signing_secret`` is shown this once: store it now. The API refuses an\nidempotency key here; after an uncertain network failure, list the endpoints before\ncalling again.",
        body=(
            Field("url", "https", "str", required=True, doc="Where TokPortal POSTs the events."),
            Field(
                "events",
                "list",
                "Sequence[EventName]",
                required=True,
                min_length=1,
                items="str",
                item_min_length=1,
                doc="The event types to deliver, e.g. ``bundle.published``.",
            ),
            Field("description", "str", "str", doc="A note of yours about the endpoint."),
            Field(
                "enabled",
                "bool",
                "bool",
                doc="Whether events are delivered; the API's default applies when omitted.",
            ),
        ),
    ),
    Operation(
        id="getWebhookEndpoint",
        method="webhooks.get",
        returns="WebhookEndpoint",
        envelope="data",
        doc="One endpoint, without its signing secret (``getWebhookEndpoint``).",
        path=(PathParam("id", "webhook_id"),),
    ),
    Operation(
        id="updateWebhookEndpoint",
        method="webhooks.update",
        returns="WebhookEndpoint",
        envelope="data",
        rules="validation_analytics.check_endpoint_update",
        doc="Change an endpoint; ``description=None`` clears it (``updateWebhookEndpoint``).",
        path=(PathParam("id", "webhook_id"),),
        body=(
            Field("url", "https", "str", doc="A new address to deliver to."),
            Field(
                "events",
                "list",
                "Sequence[EventName]",
                min_length=1,
                items="str",
                item_min_length=1,
                doc="The new set of event types; it replaces the old one.",
            ),
            Field(
                "description",
                "str",
                "str | None",
                nullable=True,
                doc="A new note; ``None`` clears it.",
            ),
            Field("enabled", "bool", "bool", doc="Pause (False) or resume (True) the deliveries."),
        ),
    ),
    Operation(
        id="deleteWebhookEndpoint",
        method="webhooks.delete",
        returns="None",
        envelope="empty",
        doc="Delete an endpoint; its deliveries stop (``deleteWebhookEndpoint``).",
        path=(PathParam("id", "webhook_id"),),
    ),
    Operation(
        id="listWebhookDeliveries",
        method="webhooks.list_deliveries",
        returns="AsyncPaginator[WebhookDelivery]",
        envelope="page",
        doc="An endpoint's deliveries, page by page (``listWebhookDeliveries``).",
        path=(PathParam("id", "webhook_id"),),
        query=(
            Field(
                "event_type",
                "str",
                "EventName",
                not_blank=True,
                doc="Only deliveries of this event type.",
            ),
            Field(
                "success",
                "bool",
                "bool",
                doc="Only successful (True) or failed (False) deliveries.",
            ),
            PER_PAGE,
        ),
    ),
    Operation(
        id="retryWebhookDelivery",
        method="webhooks.retry_delivery",
        returns="WebhookDelivery",
        envelope="data",
        doc="Send one delivery again (``retryWebhookDelivery``).",
        path=(
            PathParam("id", "webhook_id"),
            PathParam("delivery_id", "delivery_id"),
        ),
    ),
    Operation(
        id="testWebhookEndpoint",
        method="webhooks.test",
        returns="WebhookDelivery",
        envelope="data",
        doc="Send a ``webhook.test`` event to the endpoint (``testWebhookEndpoint``).",
        path=(PathParam("id", "webhook_id"),),
    ),
)
