"""Webhook endpoints and deliveries (API.md §2.9, §1.12)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import catalog, views
from ..context import Ctx
from ..http import Body, Reply, iso, no_content, not_found, ok, paginate, validation
from ..state import WebhookDelivery, WebhookEndpoint

# The 34 catalogued types (the SDK enum's 30 and the 4 the newest page adds), or all.
SUBSCRIBABLE = frozenset({*catalog.EVENT_TYPES, "*"})


def read_events(body: Body, *, required: bool) -> list[str] | None:
    events = body.str_list("events", required=required)  # non-empty: the field table
    if events is None:
        return None
    for i, name in enumerate(events):
        if name not in SUBSCRIBABLE:
            raise validation(
                f"events[{i}]", "is not a known event type (see GET /webhooks/events)", value=name
            )
    return list(dict.fromkeys(events))


def endpoint_of(ctx: Ctx) -> WebhookEndpoint:
    endpoint = ctx.workspace.webhook_endpoints.get(ctx.param("id"))
    if endpoint is None:
        # Another workspace's endpoint is answered as not found too: ids are not disclosed.
        raise not_found("WEBHOOK_NOT_FOUND", "Webhook endpoint", ctx.param("id"))
    return endpoint


def list_events(ctx: Ctx) -> Reply:
    return ok(catalog.event_catalog())


def list_endpoints(ctx: Ctx) -> Reply:
    enabled = ctx.query.flag("enabled")
    event = ctx.query.get("event")
    rows = [
        views.webhook_endpoint(e)
        for e in ctx.workspace.webhook_endpoints.values()
        if (enabled is None or e.enabled == enabled)
        and (event is None or event in e.events or "*" in e.events)
    ]
    return paginate(rows, ctx.query)


def create_endpoint(ctx: Ctx) -> Reply:
    body = ctx.body
    url = body.text("url", required=True)  # https: the field table
    events = read_events(body, required=True)
    description = body.text("description", nullable=True)
    enabled = body.flag("enabled", default=True)
    endpoint = WebhookEndpoint(
        id=ctx.ids.uuid(),
        url=url,
        events=events or [],
        description=description,
        enabled=enabled,
        secret=ctx.ids.signing_secret(),
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    ctx.workspace.webhook_endpoints[endpoint.id] = endpoint
    # The only response that ever shows the secret (API.md §1.12).
    return ok({**views.webhook_endpoint(endpoint), "signing_secret": endpoint.secret})


def get_endpoint(ctx: Ctx) -> Reply:
    return ok(views.webhook_endpoint(endpoint_of(ctx)))


def update_endpoint(ctx: Ctx) -> Reply:
    endpoint = endpoint_of(ctx)
    body = ctx.body
    body.require_any(("url", "events", "description", "enabled"))
    if body.has("url"):
        endpoint.url = body.text("url", required=True)  # https: the field table
    events = read_events(body, required=False)
    if events is not None:
        endpoint.events = events
    if body.has("description"):
        endpoint.description = body.text("description", nullable=True)
    if body.has("enabled"):
        endpoint.enabled = body.flag("enabled", required=True)
    endpoint.updated_at = ctx.now
    return ok(views.webhook_endpoint(endpoint))


def delete_endpoint(ctx: Ctx) -> Reply:
    endpoint = endpoint_of(ctx)
    del ctx.workspace.webhook_endpoints[endpoint.id]
    return no_content()


def deliveries_of(ctx: Ctx, endpoint: WebhookEndpoint) -> list[WebhookDelivery]:
    return [d for d in ctx.world.deliveries if d.endpoint_id == endpoint.id]


def list_deliveries(ctx: Ctx) -> Reply:
    endpoint = endpoint_of(ctx)
    event_type = ctx.query.get("event_type")
    success = ctx.query.flag("success")
    rows = [
        views.webhook_delivery(d)
        for d in reversed(deliveries_of(ctx, endpoint))
        if (event_type is None or d.event_type == event_type)
        and (success is None or d.success is success)
    ]
    return paginate(rows, ctx.query)


def retry_delivery(ctx: Ctx) -> Reply:
    endpoint = endpoint_of(ctx)
    wanted = ctx.param("delivery_id")
    delivery = next((d for d in deliveries_of(ctx, endpoint) if d.id == wanted), None)
    if delivery is None:
        raise not_found("WEBHOOK_DELIVERY_NOT_FOUND", "Webhook delivery", wanted)
    again = ctx.redeliver(endpoint, delivery)
    return ok(delivery_answer(ctx, again, retry_of=delivery.id, event_type=delivery.event_type))


def test_endpoint(ctx: Ctx) -> Reply:
    endpoint = endpoint_of(ctx)
    data: dict[str, Any] = {
        "endpoint_id": endpoint.id,
        "message": "This is a test event from the TokPortal emulator.",
    }
    delivery = ctx.deliver(endpoint, "webhook.test", data)
    return ok(delivery_answer(ctx, delivery, retry_of=None, event_type="webhook.test"))


def delivery_answer(
    ctx: Ctx, delivery: WebhookDelivery | None, *, retry_of: str | None, event_type: str
) -> dict[str, Any]:
    """The queued delivery (``None`` in a dry run, where nothing is sent)."""
    if delivery is None:
        return {
            "id": None,
            "event_type": event_type,
            "status": "not_sent",
            "retry_of": retry_of,
            "created_at": iso(ctx.now),
        }
    return {**views.webhook_delivery(delivery), "retry_of": retry_of}


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "listWebhookEvents": list_events,
    "listWebhookEndpoints": list_endpoints,
    "createWebhookEndpoint": create_endpoint,
    "getWebhookEndpoint": get_endpoint,
    "updateWebhookEndpoint": update_endpoint,
    "deleteWebhookEndpoint": delete_endpoint,
    "listWebhookDeliveries": list_deliveries,
    "retryWebhookDelivery": retry_delivery,
    "testWebhookEndpoint": test_endpoint,
}
