"""``Emulator.serve()``: the emulator on real loopback sockets, for clients that need a URL.

One thread per connection (``socketserver``), HTTP/1.1 framing by h11: keep-alive, chunked
request bodies, ``Expect: 100-continue``. Each request becomes an ``httpx.Request`` handled by
the same core as the in-process transport. What h11 refuses (a bad chunk size, an invalid or
negative ``Content-Length``, a garbage request line, a header without a colon, oversized
headers) is answered 400 (or 431) and the connection closed. A request that does not arrive in
full within ``request_timeout`` seconds of its first byte is answered 408 and closed. A client
that goes away mid-request or mid-response is just forgotten: nothing is printed. A connection
fault (``reset_before``/``reset_after``) drops the socket without an answer; a ``stall`` holds
it without an answer until the client goes away.
"""

from __future__ import annotations

import json
import logging
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

import h11
import httpx

from ..._core.config import API_VERSION

if TYPE_CHECKING:
    from .emulator import Emulator

logger = logging.getLogger("tokportal.testing.emulator")

DEFAULT_REQUEST_TIMEOUT = 5.0
# An idle keep-alive connection is closed after this long. Longer than httpx's keep-alive
# expiry (5 s), so a pooled connection is never closed under a client about to reuse it.
IDLE_TIMEOUT = 60.0
LINGER_SECONDS = 0.5
MAX_HEADER_BYTES = 64 * 1024
RECV_SIZE = 64 * 1024
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection"}
)
NO_BODY_STATUSES = frozenset({204, 304})


class _TimedOut(Exception):
    """The request did not arrive in full within the server's request timeout."""


class _Gone(Exception):
    """The client closed or reset the connection."""


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    # Benchmarks open hundreds of connections at once; the default backlog of 5 would make
    # the kernel drop SYNs and clients stall for a second on retransmits.
    request_queue_size = 1024

    def __init__(
        self,
        address: tuple[str, int],
        emulator: Emulator,
        family: socket.AddressFamily,
        request_timeout: float,
    ) -> None:
        self.address_family = family
        self.emulator = emulator
        self.request_timeout = request_timeout
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def drop_connections(self) -> None:
        with self.connections_lock:
            for conn in list(self.connections):
                _hard_close(conn)
            self.connections.clear()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: ``socketserver`` would print a traceback to stderr."""
        logger.debug("emulator connection from %s failed", client_address, exc_info=True)


class _Handler(socketserver.BaseRequestHandler):
    server: _Server
    request: socket.socket

    def setup(self) -> None:
        # Headers and body go out in one write, but keep NODELAY anyway: a response written in
        # two segments must not wait for a delayed ACK (~40 ms per keep-alive request).
        with suppress(OSError):
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.connections_lock:
            self.server.connections.add(self.request)
        self.conn = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEADER_BYTES)
        self.abort = False  # True: drop the connection (reset) instead of closing politely

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.request)

    def handle(self) -> None:
        try:
            while self._serve_one():
                self.conn.start_next_cycle()
        except (_Gone, OSError):
            self.abort = True  # reset by the peer, or dropped by drop_connections() at shutdown
        except Exception:
            # An emulator bug, not the client's fault: answer 500 if still possible.
            logger.exception("emulator server error")
            self._send_error(500, "INTERNAL_ERROR", "The emulator server failed.")
        finally:
            if self.abort:
                _hard_close(self.request)
            else:
                _lingering_close(self.request)

    # -- one request/response cycle ----------------------------------------------------------

    def _serve_one(self) -> bool:
        """Serve one request; ``True`` when the connection may carry another."""
        try:
            request = self._read_request()
        except h11.RemoteProtocolError as exc:
            status = exc.error_status_hint if 400 <= exc.error_status_hint < 500 else 400
            self._send_error(status, "MALFORMED_REQUEST", f"Malformed HTTP request: {exc}")
            return False
        except _TimedOut:
            self._send_error(
                408,
                "REQUEST_TIMEOUT",
                f"The request did not arrive within {self.server.request_timeout:g} s.",
            )
            return False
        if request is None:
            return False  # closed cleanly between requests
        try:
            response = self.server.emulator._handle(
                request, until_client_leaves=self._until_client_leaves
            )
        except httpx.TransportError:
            self.abort = True  # an injected connection fault: drop without answering
            return False
        self._send_response(response, head=request.method == "HEAD")
        return self.conn.our_state is h11.DONE and self.conn.their_state is h11.DONE

    def _read_request(self) -> httpx.Request | None:
        head: h11.Request | None = None
        body: list[bytes] = []
        deadline: float | None = None
        while True:
            event = self.conn.next_event()
            if event is h11.NEED_DATA:
                if head is not None and self.conn.client_is_waiting_for_100_continue:
                    self._send(h11.InformationalResponse(status_code=100, headers=[]))
                if deadline is None and (head is not None or self.conn.trailing_data[0]):
                    # A request has begun (e.g. pipelined behind the previous one).
                    deadline = time.monotonic() + self.server.request_timeout
                data = self._recv(deadline)
                if not data:
                    if head is None and not self.conn.trailing_data[0]:
                        return None  # clean close between requests
                    raise _Gone  # went away mid-request: nobody to answer
                if deadline is None:
                    deadline = time.monotonic() + self.server.request_timeout
                self.conn.receive_data(data)
            elif isinstance(event, h11.Request):
                head = event
            elif isinstance(event, h11.Data):
                body.append(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                assert head is not None
                return self._to_httpx(head, b"".join(body))
            elif isinstance(event, h11.ConnectionClosed):
                return None
            else:  # PAUSED cannot happen before we answered; anything else is a bug
                raise RuntimeError(f"unexpected h11 event {event!r}")

    def _recv(self, deadline: float | None) -> bytes:
        timeout = IDLE_TIMEOUT if deadline is None else deadline - time.monotonic()
        if timeout <= 0:
            raise _TimedOut
        self.request.settimeout(timeout)
        try:
            return self.request.recv(RECV_SIZE)
        except TimeoutError:
            if deadline is None:
                raise _Gone from None  # idle keep-alive connection: close it quietly
            raise _TimedOut from None
        except OSError:
            raise _Gone from None

    def _until_client_leaves(self) -> None:
        """A stalled request: hold the connection without answering until the client gives up
        (closes or resets), the server shuts down (``drop_connections``), or the idle timeout."""
        deadline = time.monotonic() + IDLE_TIMEOUT
        while (left := deadline - time.monotonic()) > 0:
            self.request.settimeout(left)
            try:
                if not self.request.recv(RECV_SIZE):
                    return
            except OSError:  # includes the timeout
                return

    def _to_httpx(self, head: h11.Request, body: bytes) -> httpx.Request:
        target = head.target.decode("ascii", "replace")
        headers = [
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, value in head.headers
            if name.decode("latin-1").lower() not in HOP_BY_HOP
            and name.lower() != b"content-length"
        ]
        if target.startswith(("http://", "https://")):  # absolute-form (RFC 9112 §3.2.2)
            url = target
        else:
            host = next((v for k, v in headers if k.lower() == "host"), None)
            if host is None:
                host = "{}:{}".format(*self.server.server_address[:2])
            url = f"http://{host}{target}"
        try:
            return httpx.Request(head.method.decode("ascii"), url, headers=headers, content=body)
        except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
            raise h11.RemoteProtocolError(f"bad request target: {exc}", 400) from None

    # -- writing -----------------------------------------------------------------------------

    def _send_response(self, response: httpx.Response, *, head: bool) -> None:
        content = response.content
        status = response.status_code
        headers = [
            (name, value)
            for name, value in response.headers.multi_items()
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length"
        ]
        if status not in NO_BODY_STATUSES:
            headers.append(("Content-Length", str(len(content))))
        out = self._bytes(h11.Response(status_code=status, headers=headers))
        if not head and status not in NO_BODY_STATUSES and content:
            out += self._bytes(h11.Data(data=content))
        out += self._bytes(h11.EndOfMessage())
        self._write(out)

    def _send_error(self, status: int, code: str, message: str) -> None:
        """Answer an error and mark the connection for closing, if h11 still lets us answer."""
        if self.conn.our_state not in (h11.IDLE, h11.SEND_RESPONSE):
            return
        body = json.dumps({"error": {"code": code, "message": message, "details": {}}}).encode()
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Connection", "close"),
            ("X-TokPortal-API-Version", API_VERSION),
        ]
        try:
            out = self._bytes(h11.Response(status_code=status, headers=headers))
            out += self._bytes(h11.Data(data=body)) + self._bytes(h11.EndOfMessage())
        except h11.LocalProtocolError:
            return
        with suppress(_Gone):
            self._write(out)

    def _bytes(self, event: Any) -> bytes:
        data = self.conn.send(event)
        return data if data is not None else b""

    def _send(self, event: Any) -> None:
        self._write(self._bytes(event))

    def _write(self, data: bytes) -> None:
        try:
            self.request.settimeout(self.server.request_timeout)
            self.request.sendall(data)
        except OSError:  # BrokenPipe, ConnectionReset, a client that stopped reading
            raise _Gone from None


def _lingering_close(conn: socket.socket) -> None:
    """Close after the answer was sent: stop writing, then read what the client still sends
    for a moment, so the close does not turn into a reset that discards our last answer (the
    client may still be sending the rest of a request we refused)."""
    with suppress(OSError):
        conn.shutdown(socket.SHUT_WR)
        conn.settimeout(LINGER_SECONDS)
        deadline = time.monotonic() + LINGER_SECONDS
        while time.monotonic() < deadline and conn.recv(RECV_SIZE):
            pass
    with suppress(OSError):
        conn.close()


def _hard_close(conn: socket.socket) -> None:
    with suppress(OSError):
        conn.shutdown(socket.SHUT_RDWR)
    with suppress(OSError):
        conn.close()


@contextmanager
def serve(
    emulator: Emulator, host: str, port: int, request_timeout: float = DEFAULT_REQUEST_TIMEOUT
) -> Iterator[str]:
    if not request_timeout > 0:
        raise ValueError("request_timeout must be > 0 seconds")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server = _Server((host, port), emulator, family, request_timeout)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="tokportal-emulator-http",
        daemon=True,
    )
    thread.start()
    bound = server.server_address[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    try:
        yield f"http://{shown}:{bound}/api/ext"
    finally:
        server.shutdown()
        server.drop_connections()
        server.server_close()
        thread.join(timeout=2.0)
