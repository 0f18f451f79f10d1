"""The socket server's HTTP/1.1 framing (h11), driven byte by byte over raw loopback sockets:
malformed requests get 400 and a closed connection, a short body times out with 408, a client
that goes away is forgotten without a word on stderr, keep-alive and chunked bodies work."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from tokportal.testing import Emulator

SOCKET_TIMEOUT = 5.0  # every raw read in these tests is bounded by this


@contextmanager
def served(emu: Emulator, **options: Any) -> Iterator[tuple[str, int]]:
    with emu.serve(**options) as base_url:
        url = httpx.URL(base_url)
        assert url.host == "127.0.0.1" and url.port is not None
        yield url.host, url.port


@contextmanager
def connection(address: tuple[str, int]) -> Iterator[socket.socket]:
    sock = socket.create_connection(address, timeout=SOCKET_TIMEOUT)
    try:
        yield sock
    finally:
        sock.close()


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (bounded)."""
    chunks: list[bytes] = []
    while True:
        data = sock.recv(65536)
        if not data:
            return b"".join(chunks)
        chunks.append(data)


class Responses:
    """Reads Content-Length framed responses one after the other from a keep-alive connection,
    keeping what one ``recv`` returned beyond a response for the next (pipelining)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> None:
        data = self.sock.recv(65536)
        assert data, "the server closed the connection before answering"
        self.buffer += data

    def next(self) -> tuple[int, dict[str, str], bytes]:
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status, headers = parse_head(head)
        length = int(headers.get("content-length", "0"))
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body

    def until_closed(self) -> bytes:
        rest = self.buffer + read_until_closed(self.sock)
        self.buffer = b""
        return rest


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One complete response, when nothing else was asked for on the connection."""
    return Responses(sock).next()


def parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers


def split_response(raw: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status, headers = parse_head(head)
    return status, headers, body


def wait_for_handlers_to_end(timeout: float = SOCKET_TIMEOUT) -> None:
    """Connection threads end once their client is gone; wait for that (bounded)."""
    deadline = time.monotonic() + timeout
    while any("process_request_thread" in t.name for t in threading.enumerate()):
        assert time.monotonic() < deadline, "a connection thread is still running"
        time.sleep(0.01)


def request_head(emu: Emulator, method: str, path: str, *extra: str) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"X-API-Key: {emu.api_key}", *extra]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


CREATE = json.dumps({"bundle_type": "account_only", "country": "USA"}).encode()

MALFORMED: dict[str, Callable[[Emulator], bytes]] = {
    "bad chunk size": lambda emu: (
        request_head(
            emu,
            "POST",
            "/api/ext/bundles",
            "Content-Type: application/json",
            "Transfer-Encoding: chunked",
        )
        + b"ZZ\r\n{}\r\n0\r\n\r\n"
    ),
    # h11 < 0.16 accepted any two bytes here (CVE-2025-43859): hence h11>=0.16.
    "bad chunk terminator": lambda emu: (
        request_head(
            emu,
            "POST",
            "/api/ext/bundles",
            "Content-Type: application/json",
            "Transfer-Encoding: chunked",
        )
        + b"2\r\n{}XX0\r\n\r\n"
    ),
    "negative Content-Length": lambda emu: (
        request_head(
            emu, "POST", "/api/ext/bundles", "Content-Type: application/json", "Content-Length: -5"
        )
        + b"{}"
    ),
    "invalid Content-Length": lambda emu: (
        request_head(emu, "POST", "/api/ext/bundles", "Content-Length: twelve") + b"{}"
    ),
    "two different Content-Lengths": lambda emu: (
        request_head(emu, "POST", "/api/ext/bundles", "Content-Length: 2", "Content-Length: 3")
        + b"{}"
    ),
    "garbage request line": lambda emu: b"HELLO THERE\r\n\r\n",
    "header without colon": lambda emu: request_head(emu, "GET", "/api/ext/me", "NoColonHere"),
    "not HTTP at all": lambda emu: b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\r\n\r\n",
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_request_gets_400_and_the_connection_closes(
    emu: Emulator, case: str, capfd: pytest.CaptureFixture[str]
) -> None:
    with served(emu) as address, connection(address) as sock:
        sock.sendall(MALFORMED[case](emu))
        status, headers, body = split_response(read_until_closed(sock))
        assert status == 400
        assert headers["connection"] == "close"
        assert json.loads(body)["error"]["code"] == "MALFORMED_REQUEST"
        sock.close()
        wait_for_handlers_to_end()
    assert emu.requests == []  # nothing reached the API
    assert emu.workspace.bundles == {}
    assert capfd.readouterr().err == ""


def test_oversized_headers_get_431(emu: Emulator) -> None:
    with served(emu) as address, connection(address) as sock:
        # A header block that never ends: refused once it outgrows the server's limit.
        sock.sendall(b"GET /api/ext/me HTTP/1.1\r\nX-Big: " + b"a" * 100_000)
        status, _, _ = split_response(read_until_closed(sock))
    assert status == 431
    assert emu.requests == []


def test_a_short_body_times_out_with_408_and_closes(
    emu: Emulator, capfd: pytest.CaptureFixture[str]
) -> None:
    with served(emu, request_timeout=0.2) as address, connection(address) as sock:
        sock.sendall(
            request_head(
                emu,
                "POST",
                "/api/ext/bundles",
                "Content-Type: application/json",
                "Content-Length: 100",
            )
            + b"{}"
        )
        status, headers, body = split_response(read_until_closed(sock))
        assert status == 408
        assert headers["connection"] == "close"
        assert json.loads(body)["error"]["code"] == "REQUEST_TIMEOUT"
        sock.close()
        wait_for_handlers_to_end()
    assert emu.requests == []
    assert emu.workspace.bundles == {}
    assert capfd.readouterr().err == ""


def test_headers_trickling_in_past_the_timeout_get_408(emu: Emulator) -> None:
    """The timeout runs from the request's first byte: a slow drip cannot hold a thread."""
    with served(emu, request_timeout=0.2) as address, connection(address) as sock:
        sock.sendall(b"GET /api/ext/me HTTP/1.1\r\n")
        for _ in range(30):  # keeps sending, slower than the timeout allows in total
            try:
                sock.sendall(b"X-Drip: 1\r\n")
            except OSError:
                break  # the server already answered and closed
            time.sleep(0.02)
        status, _, _ = split_response(read_until_closed(sock))
    assert status == 408


def test_request_timeout_must_be_positive(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="request_timeout"), emu.serve(request_timeout=0):
        pass


def test_clients_that_go_away_leave_nothing_on_stderr(
    emu: Emulator, capfd: pytest.CaptureFixture[str]
) -> None:
    with served(emu) as address:
        # Mid-request: headers promise a body that never comes.
        with connection(address) as sock:
            sock.sendall(
                request_head(emu, "POST", "/api/ext/bundles", "Content-Length: 100") + b"{"
            )
        # Mid-request, reset instead of closed.
        with connection(address) as sock:
            sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            sock.sendall(b"GET /api/ext/me HTTP/1.1\r\nHost: x\r\n")
        # Mid-response: a large file whose reader hangs up without reading.
        with httpx.Client(base_url=f"http://{address[0]}:{address[1]}/api/ext") as c:
            bundle_id = c.post(
                "/bundles",
                json={"bundle_type": "account_only", "country": "USA"},
                headers={"X-API-Key": emu.api_key},
            ).json()["data"]["id"]
            uploaded = c.post(
                "/upload/video/direct",
                files={"file": ("big.mp4", b"\0" * (8 * 1024 * 1024), "video/mp4")},
                data={"bundle_id": bundle_id},
                headers={"X-API-Key": emu.api_key},
            )
            assert uploaded.status_code == 200, uploaded.text
            path = httpx.URL(uploaded.json()["data"]["public_url"]).path
        for _ in range(2):
            with connection(address) as sock:
                sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                assert sock.recv(1024).startswith(b"HTTP/1.1 200")
        # Mid-wait: the client times out while the emulator sleeps an injected delay, and the
        # emulator writes its answer to a closed socket afterwards.
        emu.faults.inject("latency", operation_id="getCurrentUser", latency=0.3, count=1)
        with httpx.Client(base_url=f"http://{address[0]}:{address[1]}/api/ext") as c:
            with pytest.raises(httpx.ReadTimeout):
                c.get("/me", headers={"X-API-Key": emu.api_key}, timeout=0.05)
        assert emu.wait_idle(SOCKET_TIMEOUT)
        wait_for_handlers_to_end()
        # The server is still serving.
        with httpx.Client(base_url=f"http://{address[0]}:{address[1]}/api/ext") as c:
            assert c.get("/me", headers={"X-API-Key": emu.api_key}).status_code == 200
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""


def test_keep_alive_serves_several_requests_on_one_connection(emu: Emulator) -> None:
    with served(emu) as address, connection(address) as sock:
        for _ in range(3):
            sock.sendall(request_head(emu, "GET", "/api/ext/me"))
            status, headers, body = read_response(sock)
            assert status == 200
            assert json.loads(body)["data"]["credits"] == 1000
            assert headers.get("connection") != "close"
        # HEAD: headers only, and the connection still carries the next request.
        sock.sendall(request_head(emu, "HEAD", "/api/ext/me"))
        buffer = b""
        while b"\r\n\r\n" not in buffer:
            buffer += sock.recv(65536)
        head, _, rest = buffer.partition(b"\r\n\r\n")
        assert parse_head(head)[0] in (200, 404, 405)
        assert rest == b""
        sock.sendall(request_head(emu, "GET", "/api/ext/me", "Connection: close"))
        status, _, _ = split_response(read_until_closed(sock))
        assert status == 200
    assert [r.status for r in emu.requests][:3] == [200, 200, 200]


def test_a_chunked_body_is_decoded(emu: Emulator) -> None:
    half = len(CREATE) // 2
    chunks = [CREATE[:half], CREATE[half:]]
    body = (
        b"".join(b"%x;ext=1\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\nX-Trailer: t\r\n\r\n"
    )
    with served(emu) as address, connection(address) as sock:
        sock.sendall(
            request_head(
                emu,
                "POST",
                "/api/ext/bundles",
                "Content-Type: application/json",
                "Transfer-Encoding: chunked",
            )
            + body
        )
        status, _, answer = read_response(sock)
        assert status == 200, answer
        bundle_id = json.loads(answer)["data"]["id"]
    assert list(emu.workspace.bundles) == [bundle_id]


def test_expect_100_continue(emu: Emulator) -> None:
    with served(emu) as address, connection(address) as sock:
        sock.sendall(
            request_head(
                emu,
                "POST",
                "/api/ext/bundles",
                "Content-Type: application/json",
                f"Content-Length: {len(CREATE)}",
                "Expect: 100-continue",
            )
        )
        interim = sock.recv(65536)
        assert interim.startswith(b"HTTP/1.1 100 ")
        sock.sendall(CREATE)
        status, _, _ = read_response(sock)
    assert status == 200
    assert len(emu.workspace.bundles) == 1


def test_httpx_streams_a_chunked_upload(emu: Emulator) -> None:
    def body() -> Iterator[bytes]:
        yield CREATE[:5]
        yield CREATE[5:]

    with emu.serve() as base_url, httpx.Client(base_url=base_url, trust_env=False) as c:
        response = c.post(
            "/bundles",
            content=body(),
            headers={"X-API-Key": emu.api_key, "Content-Type": "application/json"},
        )
    assert response.status_code == 200, response.text
    assert len(emu.workspace.bundles) == 1


def test_pipelined_requests_are_answered_in_order(emu: Emulator) -> None:
    with served(emu) as address, connection(address) as sock:
        sock.sendall(
            request_head(emu, "GET", "/api/ext/me")
            + request_head(emu, "GET", "/api/ext/countries")
            + request_head(emu, "GET", "/api/ext/nowhere")
        )
        responses = Responses(sock)
        answers = [responses.next() for _ in range(3)]
    assert [status for status, _, _ in answers] == [200, 200, 404]
    assert json.loads(answers[0][2])["data"]["credits"] == 1000
    assert [r.path for r in emu.requests] == ["/me", "/countries", "/nowhere"]


def test_a_pipelined_request_with_a_short_body_times_out_too(emu: Emulator) -> None:
    with served(emu, request_timeout=0.2) as address, connection(address) as sock:
        sock.sendall(
            request_head(emu, "GET", "/api/ext/me")
            + request_head(emu, "POST", "/api/ext/bundles", "Content-Length: 50")
        )
        responses = Responses(sock)
        assert responses.next()[0] == 200
        status, headers, _ = split_response(responses.until_closed())
    assert status == 408 and headers["connection"] == "close"
    assert [r.path for r in emu.requests] == ["/me"]
