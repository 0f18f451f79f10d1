"""``Emulator.serve()``: the emulator on real loopback sockets, for clients that need a URL.

stdlib ``ThreadingHTTPServer`` with HTTP/1.1 keep-alive; each request is turned into an
``httpx.Request`` and handled by the same core as the in-process transport. A connection fault
(``reset_before``/``reset_after``) drops the socket without an answer.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from .emulator import Emulator

HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection"}
)
NO_BODY_STATUSES = frozenset({204, 304})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # Benchmarks open hundreds of connections at once; the default backlog of 5 would make
    # the kernel drop SYNs and clients stall for a second on retransmits.
    request_queue_size = 1024

    def __init__(
        self, address: tuple[str, int], emulator: Emulator, family: socket.AddressFamily
    ) -> None:
        self.address_family = family
        self.emulator = emulator
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def drop_connections(self) -> None:
        with self.connections_lock:
            for conn in list(self.connections):
                _hard_close(conn)
            self.connections.clear()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without NODELAY, Nagle + delayed ACK
        # would add ~40 ms to every keep-alive request.
        with suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            with self.server.connections_lock:
                self.server.connections.discard(self.connection)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read ``emu.requests`` instead of stderr."""

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_OPTIONS(self) -> None:
        self._serve()

    def _serve(self) -> None:
        body = self._read_body()
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        headers = [(k, v) for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP]
        request = httpx.Request(
            self.command, f"http://{host}{self.path}", headers=headers, content=body
        )
        try:
            response = self.server.emulator.handle(request)
        except httpx.TransportError:
            self.close_connection = True
            _hard_close(self.connection)
            return
        self._write(response)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        # http.server has no chunked decoder; the framing is just "<hex size>\r\n<data>\r\n".
        chunks: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _write(self, response: httpx.Response) -> None:
        self.send_response(response.status_code)
        for name, value in response.headers.multi_items():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        content = response.content
        if response.status_code not in NO_BODY_STATUSES:
            self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD" and response.status_code not in NO_BODY_STATUSES:
            self.wfile.write(content)


def _hard_close(conn: socket.socket) -> None:
    with suppress(OSError):
        conn.shutdown(socket.SHUT_RDWR)


@contextmanager
def serve(emulator: Emulator, host: str, port: int) -> Iterator[str]:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server = _Server((host, port), emulator, family)
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
