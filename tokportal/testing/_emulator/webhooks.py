"""Webhook events: envelope, signature (API.md §1.12) and the background delivery worker.

Deliveries never run on the request path: a handler only records them, and a worker thread
POSTs to loopback receivers. That keeps a receiver which shares the caller's event loop from
deadlocking the emulator. Non-loopback URLs are recorded in ``emu.webhook_deliveries`` only.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx

from ..._core.config import API_VERSION
from ...webhooks import sign  # the SDK's signer: the two can never disagree
from .http import iso
from .state import SharedLock, WebhookDelivery, WebhookEndpoint, World

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DELIVERY_TIMEOUT_SECONDS = 10.0


def envelope(event_id: str, event_type: str, created_at: datetime, data: Any) -> bytes:
    body = {
        "id": event_id,
        "type": event_type,
        "api_version": API_VERSION,
        "created_at": iso(created_at),
        "data": data,
    }
    return json.dumps(body, separators=(",", ":")).encode()


def subscribed(endpoint: WebhookEndpoint, event_type: str) -> bool:
    return endpoint.enabled and (event_type in endpoint.events or "*" in endpoint.events)


def is_loopback(url: str) -> bool:
    try:
        return httpx.URL(url).host in LOOPBACK_HOSTS
    except httpx.InvalidURL:
        return False


class Dispatcher:
    """Creates delivery records (under the emulator lock) and sends them from a worker thread."""

    def __init__(self, lock: SharedLock, now: Callable[[], datetime]) -> None:
        self._lock = lock
        self._now = now
        self._queue: queue.Queue[WebhookDelivery | None] = queue.Queue()
        self._pending = 0
        self._idle = threading.Condition()
        self._thread: threading.Thread | None = None

    # -- recording (caller holds the emulator lock) ------------------------------------------

    def publish(
        self,
        world: World,
        workspace_id: str,
        event_type: str,
        data: Any,
        at: datetime,
        *,
        only: WebhookEndpoint | None = None,
    ) -> list[WebhookDelivery]:
        workspace = world.workspaces[workspace_id]
        event_id = "evt_" + world.ids.hex(32)
        body = envelope(event_id, event_type, at, data)
        targets = [only] if only is not None else list(workspace.webhook_endpoints.values())
        deliveries = []
        for endpoint in targets:
            if only is None and not subscribed(endpoint, event_type):
                continue
            deliveries.append(
                self._record(world, workspace_id, endpoint, event_id, event_type, body, 1, at)
            )
        return deliveries

    def retry(
        self, world: World, delivery: WebhookDelivery, endpoint: WebhookEndpoint
    ) -> WebhookDelivery:
        attempt = 1 + max(d.attempt for d in world.deliveries if d.event_id == delivery.event_id)
        return self._record(
            world,
            delivery.workspace_id,
            endpoint,
            delivery.event_id,
            delivery.event_type,
            delivery.body,
            attempt,
            self._now(),
        )

    def _record(
        self,
        world: World,
        workspace_id: str,
        endpoint: WebhookEndpoint,
        event_id: str,
        event_type: str,
        body: bytes,
        attempt: int,
        at: datetime,
    ) -> WebhookDelivery:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "TokPortal-Webhooks/emulator",
            "TokPortal-Event-Id": event_id,
            "TokPortal-Event-Type": event_type,
            # Real time, not the business clock: receivers check |now - t| <= 300 s.
            "TokPortal-Signature": sign(body, endpoint.secret),
        }
        delivery = WebhookDelivery(
            id=world.ids.uuid(),
            workspace_id=workspace_id,
            endpoint_id=endpoint.id,
            event_id=event_id,
            event_type=event_type,
            url=endpoint.url,
            headers=headers,
            body=body,
            attempt=attempt,
            created_at=at,
        )
        world.deliveries.append(delivery)
        if is_loopback(endpoint.url):
            self._enqueue(delivery)
        else:
            delivery.status = "recorded"
        return delivery

    # -- sending (worker thread) --------------------------------------------------------------

    def _enqueue(self, delivery: WebhookDelivery) -> None:
        with self._idle:
            self._pending += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="tokportal-emulator-webhooks", daemon=True
                )
                self._thread.start()
        self._queue.put(delivery)

    def _run(self) -> None:
        with httpx.Client(timeout=DELIVERY_TIMEOUT_SECONDS, trust_env=False) as client:
            while True:
                delivery = self._queue.get()
                if delivery is None:
                    return
                try:
                    self._send(client, delivery)
                finally:
                    with self._idle:
                        self._pending -= 1
                        self._idle.notify_all()

    def _send(self, client: httpx.Client, delivery: WebhookDelivery) -> None:
        # The emulator has no TLS: an https:// loopback endpoint is reached over plain http.
        url = httpx.URL(delivery.url).copy_with(scheme="http")
        started = time.monotonic()
        status: int | None = None
        error: str | None = None
        try:
            response = client.post(url, content=delivery.body, headers=delivery.headers)
            status = response.status_code
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        with self._lock:
            delivery.response_status = status
            delivery.error = error
            delivery.status = (
                "succeeded" if status is not None and 200 <= status < 300 else "failed"
            )
            delivery.delivered_at = self._now()
            delivery.duration_ms = int((time.monotonic() - started) * 1000)

    def flush(self, timeout: float) -> bool:
        """Wait until every queued delivery was attempted; ``False`` on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        thread = self._thread
        if thread is not None and thread.is_alive():
            self._queue.put(None)
            thread.join(timeout=1.0)
