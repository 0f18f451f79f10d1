"""Signed webhook deliveries to a real loopback receiver (API.md §1.12)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import httpx
import pytest

from tokportal.testing import Emulator

from .conftest import configure_account, create_bundle


class Receiver:
    """A stdlib HTTP server on 127.0.0.1 that records what it receives."""

    def __init__(self, status: int = 200) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append(({k: v for k, v in self.headers.items()}, body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    parts = dict(p.strip().split("=", 1) for p in headers["TokPortal-Signature"].split(","))
    if abs(time.time() - int(parts["t"])) > 300:
        return False
    expected = hmac.new(
        secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


def subscribe(client: httpx.Client, url: str, events: list[str]) -> dict[str, Any]:
    response = client.post("/webhooks", json={"url": url, "events": events, "description": "test"})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def test_signed_events_reach_a_loopback_receiver(
    emu: Emulator, any_client: httpx.Client, receiver: Receiver
) -> None:
    # https:// on loopback is delivered over plain http (the emulator has no TLS).
    endpoint = subscribe(
        any_client,
        f"https://127.0.0.1:{receiver.port}/hooks",
        ["bundle.created", "account.configured"],
    )
    secret = endpoint["signing_secret"]
    assert secret.startswith("whsec_")
    assert "signing_secret" not in any_client.get(f"/webhooks/{endpoint['id']}").json()["data"]
    bundle = create_bundle(any_client)
    configure_account(any_client, bundle["id"])
    assert emu.flush_webhooks(5.0)
    assert [h["TokPortal-Event-Type"] for h, _ in receiver.received] == [
        "bundle.created",
        "account.configured",
    ]
    headers, body = receiver.received[0]
    assert verify(secret, headers, body)
    assert not verify("whsec_wrong", headers, body)
    envelope = json.loads(body)
    assert set(envelope) == {"id", "type", "api_version", "created_at", "data"}
    assert envelope["id"] == headers["TokPortal-Event-Id"]
    assert envelope["api_version"] == "2026-05-25"
    assert envelope["data"]["bundle_id"] == bundle["id"]
    deliveries = any_client.get(
        f"/webhooks/{endpoint['id']}/deliveries", params={"success": "true"}
    ).json()
    assert deliveries["pagination"]["total"] == 2
    assert deliveries["data"][0]["response_status"] == 200


def test_test_event_retry_and_failures(emu: Emulator, client: httpx.Client) -> None:
    with Receiver(status=500) as failing:
        endpoint = subscribe(client, f"https://localhost:{failing.port}/h", ["bundle.created"])
        sent = client.post(f"/webhooks/{endpoint['id']}/test").json()["data"]
        assert sent["event_type"] == "webhook.test"
        assert emu.flush_webhooks(5.0)
        [first] = client.get(
            f"/webhooks/{endpoint['id']}/deliveries", params={"success": "false"}
        ).json()["data"]
        assert first["response_status"] == 500
        retried = client.post(f"/webhooks/{endpoint['id']}/deliveries/{first['id']}/retry").json()[
            "data"
        ]
        assert retried["attempt"] == 2 and retried["event_id"] == first["event_id"]
        assert emu.flush_webhooks(5.0)
    assert len(failing.received) == 2
    assert (
        failing.received[0][0]["TokPortal-Event-Id"] == failing.received[1][0]["TokPortal-Event-Id"]
    )
    missing = client.post(f"/webhooks/{endpoint['id']}/deliveries/nope/retry")
    assert missing.json()["error"]["code"] == "WEBHOOK_DELIVERY_NOT_FOUND"


def test_remote_hosts_are_recorded_not_sent(emu: Emulator, client: httpx.Client) -> None:
    subscribe(client, "https://hooks.example.com/tokportal", ["bundle.created"])
    create_bundle(client)
    [delivery] = emu.webhook_deliveries
    assert delivery.status == "recorded" and delivery.response_status is None
    assert delivery.headers["TokPortal-Event-Type"] == "bundle.created"


def test_endpoint_crud(client: httpx.Client) -> None:
    assert (
        client.post(
            "/webhooks", json={"url": "http://example.com/h", "events": ["bundle.created"]}
        ).status_code
        == 400
    )
    bad_event = client.post(
        "/webhooks", json={"url": "https://example.com/h", "events": ["bundle.exploded"]}
    )
    assert bad_event.json()["error"]["details"]["field"] == "events[0]"
    endpoint = subscribe(client, "https://example.com/h", ["bundle.created"])
    assert client.patch(f"/webhooks/{endpoint['id']}", json={}).status_code == 400
    updated = client.patch(
        f"/webhooks/{endpoint['id']}", json={"enabled": False, "description": None}
    ).json()["data"]
    assert updated["enabled"] is False and updated["description"] is None
    assert client.get("/webhooks", params={"enabled": "false"}).json()["pagination"]["total"] == 1
    assert (
        client.get("/webhooks", params={"event": "video.finalized"}).json()["pagination"]["total"]
        == 0
    )
    deleted = client.delete(f"/webhooks/{endpoint['id']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert client.get(f"/webhooks/{endpoint['id']}").json()["error"]["code"] == "WEBHOOK_NOT_FOUND"
    catalog = client.get("/webhooks/events").json()["data"]
    assert len(catalog["events"]) == 34
    assert {"envelope", "delivery", "signature"} <= set(catalog)


def test_simulated_events_are_delivered(
    emu: Emulator, client: httpx.Client, receiver: Receiver
) -> None:
    subscribe(
        client,
        f"https://127.0.0.1:{receiver.port}/",
        ["bundle.published", "account.in_review", "account.finalized"],
    )
    bundle_id = create_bundle(client, bundle_type="account_only", videos_quantity=None)["id"]
    configure_account(client, bundle_id)
    client.post(f"/bundles/{bundle_id}/publish")
    emu.advance(days=5)
    assert emu.flush_webhooks(5.0)
    types = [h["TokPortal-Event-Type"] for h, _ in receiver.received]
    assert types == ["bundle.published", "account.in_review", "account.finalized"]
    in_review = json.loads(receiver.received[1][1])
    assert in_review["data"]["saved_account_id"] is not None
