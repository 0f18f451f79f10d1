"""A tiny webhook receiver for the demo: stdlib ``http.server`` on 127.0.0.1 in a thread.

It does what a production handler does (see "Receiving webhooks" in README.md): verify the raw body with
``construct_event`` and answer 204, or 400 when the signature does not hold. The emulator has
no TLS, so it delivers to the endpoint's ``https://127.0.0.1:PORT/...`` URL over plain HTTP.
"""

from __future__ import annotations

import http.client
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import attrs

from ..errors import WebhookSignatureError
from ..webhooks import construct_event

PATH = "/webhooks/tokportal"


@attrs.frozen
class Delivery:
    verified: bool
    event_type: str | None
    event_id: str | None
    body: bytes = attrs.field(repr=False)
    headers: dict[str, str] = attrs.field(repr=False)


class WebhookReceiver:
    """Collects and verifies deliveries; ``secret`` is set once the endpoint exists."""

    def __init__(self) -> None:
        self.secret: str | None = None
        self._lock = threading.Lock()
        self._deliveries: list[Delivery] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # shutdown() waits up to one poll interval
            name="tokportal-demo-webhooks",
            daemon=True,
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The endpoint URL to register: https, as the API requires."""
        return f"https://127.0.0.1:{self.port}{PATH}"

    @property
    def deliveries(self) -> list[Delivery]:
        with self._lock:
            return list(self._deliveries)

    def verified_by_type(self) -> Counter[str]:
        return Counter(d.event_type or "?" for d in self.deliveries if d.verified)

    def rejected(self) -> list[Delivery]:
        return [d for d in self.deliveries if not d.verified]

    def receive(self, body: bytes, headers: dict[str, str]) -> bool:
        secret = self.secret or ""
        try:
            event = construct_event(body, headers, secret)
        except WebhookSignatureError:
            delivery = Delivery(False, headers.get("tokportal-event-type"), None, body, headers)
        else:
            delivery = Delivery(True, str(event.type), event.id, body, headers)
        with self._lock:
            self._deliveries.append(delivery)
        return delivery.verified

    def post(self, body: bytes, headers: dict[str, str]) -> int:
        """Send a delivery to this receiver over its socket, as the emulator does; the status."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("POST", PATH, body=body, headers=headers)
            return connection.getresponse().status
        finally:
            connection.close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)  # the raw bytes: the signature covers them
                headers = {name.lower(): value for name, value in self.headers.items()}
                ok = self.path == PATH and receiver.receive(body, headers)
                self.send_response(204 if ok else 400)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the demo prints its own summary."""

        return Handler

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
