# Generated from tests/_async/test_webhook_endpoints.py by scripts/generate_sync.py; do not edit.
"""client.webhooks: endpoint and delivery management (the signature checks live in
tests/test_webhooks.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests._sync.local_refusals import MakeClient, refused
from tests.helpers import Recorder, ok, webhook_endpoint_data
from tokportal import TokPortal
from tokportal.models.webhooks import WebhookEndpoint
from tokportal.webhooks import WebhookEventType

SECRET = "whsec_9f8e7d6c5b4a"
HOOK = "https://hooks.acme.test/tokportal"

REFUSALS: list[tuple[str, Callable[[TokPortal], Any], str]] = [
    ("url", lambda c: c.webhooks.create(url="http://x.test/h", events=["a.b"]), "https://"),
    ("url", lambda c: c.webhooks.create(url="", events=["a.b"]), "https://"),
    ("url", lambda c: c.webhooks.create(url="hooks.acme.test", events=["a.b"]), "https://"),
    ("events", lambda c: c.webhooks.create(url=HOOK, events=[]), "must not be empty"),
    ("events", lambda c: c.webhooks.create(url=HOOK, events="account.banned"), "list"),
    ("events[0]", lambda c: c.webhooks.create(url=HOOK, events=[""]), "must not be empty"),
    ("events[1]", lambda c: c.webhooks.create(url=HOOK, events=["a.b", 7]), "string"),
    ("enabled", lambda c: c.webhooks.create(url=HOOK, events=["a.b"], enabled="no"), "True"),
    (
        "idempotency_key",
        lambda c: c.webhooks.create(url=HOOK, events=["a.b"], idempotency_key="k1"),
        "refuses Idempotency-Key",
    ),
    ("url", lambda c: c.webhooks.update("wh1"), "at least one of"),
    ("url", lambda c: c.webhooks.update("wh1", url="http://x.test"), "https://"),
    ("events", lambda c: c.webhooks.update("wh1", events=()), "must not be empty"),
    ("enabled", lambda c: c.webhooks.update("wh1", enabled=None), "must not be null"),
    ("event", lambda c: c.webhooks.list(event="").first_page(), "must not be empty"),
    ("enabled", lambda c: c.webhooks.list(enabled="true").first_page(), "True or False"),
    ("per_page", lambda c: c.webhooks.list(per_page=101).first_page(), "1 to 100"),
    (
        "success",
        lambda c: c.webhooks.list_deliveries("wh1", success=1).first_page(),
        "True or False",
    ),
    (
        "event_type",
        lambda c: c.webhooks.list_deliveries("wh1", event_type=" ").first_page(),
        "must not be empty",
    ),
    ("webhook_id", lambda c: c.webhooks.get(""), "non-empty"),
    ("delivery_id", lambda c: c.webhooks.retry_delivery("wh1", ""), "non-empty"),
]


@pytest.mark.parametrize(("field", "call", "rule"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_documented_rules_are_enforced_before_sending(
    make_client: MakeClient, field: str, call: Callable[[TokPortal], Any], rule: str
) -> None:
    error = refused(make_client, call)
    assert error.field == field
    assert rule in str(error)


def test_create_returns_the_secret_once_and_never_shows_it(
    make_client: MakeClient,
) -> None:
    raw = {
        "id": "wh_1",
        "url": HOOK,
        "events": ["account.banned", "video.brand_new_type"],
        "description": None,
        "enabled": True,
        "created_at": "2026-05-25T10:00:00Z",
        "signing_secret": SECRET,
        "secret_hint": "…4a",
    }
    recorder = Recorder(ok(raw))
    with make_client(recorder) as client:
        endpoint = client.webhooks.create(
            url=HOOK, events=[WebhookEventType.ACCOUNT_BANNED, "video.brand_new_type"]
        )
    assert recorder.json() == {"url": HOOK, "events": ["account.banned", "video.brand_new_type"]}
    assert recorder.header("Idempotency-Key") is None
    assert endpoint.signing_secret == SECRET
    assert SECRET not in repr(endpoint)
    assert SECRET not in str(endpoint)
    assert "wh_1" in repr(endpoint)
    assert endpoint.event_types == [WebhookEventType.ACCOUNT_BANNED, "video.brand_new_type"]
    assert WebhookEventType.ACCOUNT_BANNED in (endpoint.events or [])
    assert endpoint.extra == {"secret_hint": "…4a"}
    assert endpoint.to_dict() == raw
    assert endpoint.api_response is not None
    assert endpoint.api_response.request_id == "req_ok"


def test_the_secret_is_out_of_the_repr_even_when_built_by_hand() -> None:
    endpoint = WebhookEndpoint(id="wh_2", url=HOOK, events=[], enabled=True, signing_secret=SECRET)
    assert SECRET not in repr(endpoint)
    assert SECRET not in repr([endpoint])


def test_update_sends_only_what_was_given(make_client: MakeClient) -> None:
    recorder = Recorder(ok(webhook_endpoint_data("wh1", enabled=False)))
    with make_client(recorder) as client:
        endpoint = client.webhooks.update("wh1", url=HOOK)
        client.webhooks.update("wh1", extra_body={"retry_policy": "fast"})
    assert recorder.json(0) == {"url": HOOK}
    assert recorder.json(1) == {"retry_policy": "fast"}
    assert recorder.header("Idempotency-Key", 0) is not None
    assert endpoint.enabled is False


def test_delete_returns_none_on_an_empty_204(make_client: MakeClient) -> None:
    recorder = Recorder(httpx.Response(204))
    with make_client(recorder) as client:
        result = client.webhooks.delete("wh1")
    assert result is None
    assert recorder.requests[0].method == "DELETE"


def test_event_catalog_keeps_unknown_events_and_fields(make_client: MakeClient) -> None:
    raw = {
        "events": [
            {"type": "account.banned", "description": "banned", "emitted": True, "schema": {}},
            {"type": "video.future_thing", "description": "soon", "emitted": False},
            {"type": "credits.restored", "description": "restored", "emitted": True},
        ],
        "envelope": {"fields": ["id", "type", "created_at", "data"]},
        "delivery": {"timeout_seconds": 10},
        "signature": {"header": "TokPortal-Signature"},
        "api_version": "2026-05-25",
    }
    recorder = Recorder(
        [ok(raw), ok([{"type": "webhook.test", "description": "test", "emitted": True}])]
    )
    with make_client(recorder) as client:
        catalog = client.webhooks.list_events()
        bare = client.webhooks.list_events()
    assert catalog.emitted_types == ["account.banned", "credits.restored"]
    assert catalog.events is not None
    assert catalog.events[0].extra == {"schema": {}}
    assert catalog.signature == {"header": "TokPortal-Signature"}
    assert catalog.extra == {"api_version": "2026-05-25"}
    assert catalog.to_dict() == raw
    assert catalog.api_response is not None
    assert bare.emitted_types == ["webhook.test"]


def test_endpoints_and_deliveries_page_through(make_client: MakeClient) -> None:
    def page(n: int, items: list[dict[str, Any]]) -> httpx.Response:
        body = {
            "data": items,
            "pagination": {"page": n, "per_page": 1, "total": 2, "total_pages": 2},
        }
        return httpx.Response(200, json=body)

    delivery_raw = {
        "id": "d1",
        "event_id": "evt_1",
        "event_type": "bundle.published",
        "success": False,
        "status": "failed",
        "response_status": 500,
        "created_at": "2026-05-25T10:00:00Z",
        "attempt": 3,
    }
    recorder = Recorder(
        [
            page(1, [webhook_endpoint_data("wh1", events=["bundle.published"])]),
            page(2, [webhook_endpoint_data("wh2", events=[], signing_secret=None)]),
            page(1, [delivery_raw]),
            page(2, []),
        ]
    )
    with make_client(recorder) as client:
        endpoints = client.webhooks.list(per_page=1).to_list()
        deliveries = [d for d in client.webhooks.list_deliveries("wh1", per_page=1)]
    assert [e.id for e in endpoints] == ["wh1", "wh2"]
    assert endpoints[1].signing_secret is None
    assert len(deliveries) == 1
    delivery = deliveries[0]
    assert (delivery.success, delivery.status, delivery.response_status) == (False, "failed", 500)
    assert delivery.extra == {"attempt": 3}
    assert delivery.to_dict() == delivery_raw


def test_retry_and_test_return_the_delivery(make_client: MakeClient) -> None:
    recorder = Recorder(
        [ok({"id": "d2", "event_type": "bundle.published"}), ok({"event_type": "webhook.test"})]
    )
    with make_client(recorder) as client:
        retried = client.webhooks.retry_delivery("wh1", "d1")
        tested = client.webhooks.test("wh1")
    assert retried.id == "d2"
    assert tested.event_type == WebhookEventType.WEBHOOK_TEST
    assert recorder.json(0) is None
    assert recorder.header("Idempotency-Key", 1) is not None
