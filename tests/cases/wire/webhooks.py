"""Wire cases of the webhook management operations (API.md §2.9)."""

from __future__ import annotations

from tokportal.webhooks import WebhookEventType

from .case import WireCase

PAGE = {"data": [], "pagination": {"page": 1, "per_page": 100, "total": 0, "total_pages": 0}}

WIRE_CASES = [
    WireCase(
        operation_id="listWebhookEvents",
        call=lambda c: c.webhooks.list_events(),
        path="/webhooks/events",
    ),
    WireCase(
        operation_id="listWebhookEndpoints",
        call=lambda c: c.webhooks.list(enabled=False, event=WebhookEventType.ACCOUNT_BANNED),
        path="/webhooks",
        query=[
            ("enabled", "false"),
            ("event", "account.banned"),
            ("page", "1"),
            ("per_page", "100"),
        ],
        response=PAGE,
    ),
    WireCase(
        operation_id="createWebhookEndpoint",
        call=lambda c: c.webhooks.create(
            url="https://hooks.acme.test/tokportal",
            events=[WebhookEventType.ACCOUNT_BANNED, "video.brand_new_type"],
            description="ops alerts",
            enabled=True,
        ),
        path="/webhooks",
        body={
            "url": "https://hooks.acme.test/tokportal",
            "events": ["account.banned", "video.brand_new_type"],
            "description": "ops alerts",
            "enabled": True,
        },
        response={
            "data": {
                "id": "wh_1",
                "url": "https://hooks.acme.test/tokportal",
                "events": ["account.banned", "video.brand_new_type"],
                "enabled": True,
                "signing_secret": "whsec_live",
            }
        },
    ),
    WireCase(
        operation_id="getWebhookEndpoint",
        call=lambda c: c.webhooks.get("wh/1"),
        path="/webhooks/wh%2F1",
    ),
    WireCase(
        operation_id="updateWebhookEndpoint",
        call=lambda c: c.webhooks.update(
            "wh/1", events=["bundle.cancelled"], description=None, enabled=False
        ),
        path="/webhooks/wh%2F1",
        body={"events": ["bundle.cancelled"], "description": None, "enabled": False},
    ),
    WireCase(
        operation_id="deleteWebhookEndpoint",
        call=lambda c: c.webhooks.delete("wh/1"),
        path="/webhooks/wh%2F1",
        response=None,
        status=204,
    ),
    WireCase(
        operation_id="listWebhookDeliveries",
        call=lambda c: c.webhooks.list_deliveries(
            "wh/1", event_type="bundle.published", success=True, per_page=10
        ),
        path="/webhooks/wh%2F1/deliveries",
        query=[
            ("event_type", "bundle.published"),
            ("success", "true"),
            ("page", "1"),
            ("per_page", "10"),
        ],
        response=PAGE,
    ),
    WireCase(
        operation_id="retryWebhookDelivery",
        call=lambda c: c.webhooks.retry_delivery("wh/1", "del/2"),
        path="/webhooks/wh%2F1/deliveries/del%2F2/retry",
    ),
    WireCase(
        operation_id="testWebhookEndpoint",
        call=lambda c: c.webhooks.test("wh/1"),
        path="/webhooks/wh%2F1/test",
    ),
]
