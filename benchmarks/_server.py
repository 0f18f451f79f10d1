"""A canned-``/me`` HTTP/1.1 keep-alive server on loopback, run in its own process so its
work does not share the benchmark's interpreter lock."""

from __future__ import annotations

import json
import multiprocessing
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BODY = json.dumps(
    {
        "data": {
            "email": "bench@example.com",
            "credits": 1000,
            "plan": "pro",
            "created_at": "2026-01-01T00:00:00Z",
        }
    }
).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle's algorithm and delayed ACKs
    # add ~40 ms to every keep-alive request.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.send_header("X-TokPortal-Request-ID", "req_bench")
        self.send_header("X-TokPortal-API-Version", "2026-05-25")
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(port_queue: multiprocessing.Queue[int]) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


@contextmanager
def canned_server() -> Iterator[str]:
    """Yield the base URL of a loopback server answering ``GET /api/ext/me``."""
    queue: multiprocessing.Queue[int] = multiprocessing.Queue()
    process = multiprocessing.Process(target=_serve, args=(queue,), daemon=True)
    process.start()
    try:
        port = queue.get(timeout=10)
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        yield f"http://127.0.0.1:{port}/api/ext"
    finally:
        process.terminate()
        process.join(5)
