"""End to end over real loopback sockets, async-only parts (task groups): the flow and the
fault scenario run on both clients in ``tests/_async/test_e2e_loopback.py``.

- 20 concurrent calls on one throttled client against a small burst: no ``RateLimitError``;
- a webhook endpoint created through the SDK whose signed deliveries reach a real receiver and
  pass ``tokportal.webhooks.verify`` with the ``signing_secret`` that ``create`` returned.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import anyio
import pytest

from tokportal import AsyncTokPortal, RateLimitError, webhooks
from tokportal.testing import Emulator

pytestmark = pytest.mark.anyio


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback traffic never goes through a proxy from the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


async def concurrent_balances(
    calls: int, *, throttle: bool, max_retries: int = 2
) -> tuple[list[Any], list[RateLimitError], list[int | None]]:
    """``calls`` concurrent calls on one client, against 1200/min (20 tokens/s) with a burst
    of 5: (results, RateLimitErrors, statuses the emulator answered)."""
    results: list[Any] = []
    errors: list[RateLimitError] = []
    with (
        Emulator(seed=3, rate_limit_per_minute=1200, rate_limit_burst=5) as emu,
        emu.serve() as base_url,
    ):
        async with AsyncTokPortal(
            api_key=emu.api_key,
            base_url=base_url,
            rate_limit=1200 if throttle else None,
            max_retries=max_retries,
        ) as client:

            async def one() -> None:
                try:
                    results.append(await client.credits.balance())
                except RateLimitError as exc:
                    errors.append(exc)

            async with anyio.create_task_group() as group:
                for _ in range(calls):
                    group.start_soon(one)
    return results, errors, [r.status for r in emu.requests]


async def test_concurrent_calls_on_one_throttled_client_stay_under_the_limit() -> None:
    # Without the throttle (and without retries), the burst of 5 refuses most of 20 calls.
    _, refused_calls, statuses = await concurrent_balances(20, throttle=False, max_retries=0)
    assert len(refused_calls) == statuses.count(429) >= 10

    # With it, the calls are spread at the limit (~0.75 s for 15 calls beyond the burst).
    results, errors, statuses = await concurrent_balances(20, throttle=True)
    assert errors == []
    assert len(results) == 20 and all(r.total_credits == 1000 for r in results)
    assert statuses.count(200) == 20
    # Usually none; transit jitter can squeeze a paced request into the burst (see report).
    assert statuses.count(429) <= 3, statuses


class Receiver:
    """A stdlib HTTP server on 127.0.0.1 (its own thread) recording what it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers.items()), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    r.thread.start()
    yield r
    r.server.shutdown()
    r.server.server_close()


async def test_signed_deliveries_reach_a_real_receiver_and_verify(receiver: Receiver) -> None:
    with Emulator(seed=3) as emu, emu.serve() as base_url:
        async with AsyncTokPortal(api_key=emu.api_key, base_url=base_url) as client:
            # The emulator has no TLS: an https loopback endpoint is reached over plain http.
            endpoint = await client.webhooks.create(
                url=f"https://127.0.0.1:{receiver.port}/tokportal",
                events=["webhook.test", "bundle.created"],
            )
            assert endpoint.id is not None and endpoint.signing_secret is not None
            secret = endpoint.signing_secret
            test = await client.webhooks.test(endpoint.id)
            created = await client.bundles.create(bundle_type="account_only", country="US")
            assert created.bundle is not None
            assert await anyio.to_thread.run_sync(emu.flush_webhooks)
            deliveries = await client.webhooks.list_deliveries(endpoint.id).first_page()

    assert len(receiver.received) == 2
    events = []
    for headers, body in receiver.received:
        webhooks.verify(body, headers["TokPortal-Signature"], secret)  # raises if it does not hold
        events.append(webhooks.construct_event(body, headers, secret))
    assert [e.type for e in events] == ["webhook.test", "bundle.created"]
    assert events[0].id == test.event_id
    assert events[1].data["id"] == created.bundle.id
    assert [d.response_status for d in deliveries.items] == [204, 204]
    assert [d.success for d in deliveries.items] == [True, True]

    # A wrong secret, or a body changed on the way, does not verify.
    headers, body = receiver.received[0]
    with pytest.raises(webhooks.WebhookSignatureError):
        webhooks.verify(body, headers["TokPortal-Signature"], "whsec_" + "x" * 32)
    with pytest.raises(webhooks.WebhookSignatureError):
        webhooks.verify(body + b" ", headers["TokPortal-Signature"], secret)
