"""The far end: loopback listeners, a scripted or random fault plan, and a charge ledger.

Requests are parsed with h11 (correct HTTP/1.1 framing); responses are written as raw bytes
so a fault can break any rule: a body shorter than its Content-Length, garbage under
``Content-Encoding: gzip``, non-ASCII bytes in a header value, a connection closed before or
after the side effect.
"""

from __future__ import annotations

import contextlib
import email.utils
import http
import json
import random
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

import attrs
import h11

API_KEY = "sk_" + "fe12" * 16
PRICE = 32

# Fault kinds. "before" ones strike before the side effect; body kinds always strike after
# it (a 200 for a request that was charged), as the tester's far end did.
KINDS = (
    "drop",  # close the connection without an answer
    "status",  # an error status (5xx, 408, 429 with Retry-After) with a JSON error envelope
    "stall_headers",  # say nothing for ``stall`` seconds, then close
    "stall_body",  # headers and half the body, then nothing for ``stall`` seconds, then close
    "slow_body",  # the whole answer, trickled in 8 pieces 20 ms apart (a slow, live server)
    "truncate",  # headers promising the whole body, half of it, then close
    "invalid_json",  # 200 application/json that is not JSON
    "text_plain",  # 200 text/plain "OK"
    "bad_gzip",  # 200 Content-Encoding: gzip over bytes that are not gzip
    "nan",  # 200 JSON with NaN in it
    "non_ascii_header",  # the normal answer, plus header values with non-ASCII bytes
    "redirect",  # 301/302/307/308 to the other listener (another origin)
)
BODY_KINDS = frozenset(
    {"slow_body", "invalid_json", "text_plain", "bad_gzip", "nan", "non_ascii_header"}
)
# Kinds that can strike on either side of the side effect.
EITHER_SIDE = frozenset({"drop", "status", "stall_headers", "stall_body", "truncate"})


@attrs.frozen(kw_only=True)
class Fault:
    kind: str
    after: bool = False  # strike after the side effect (the create was charged)
    status: int = 503
    retry_after: str | None = None  # "0", "0.01", or an HTTP date
    stall: float = 3.0  # seconds; ended early by FarEnd.abort_all() / close()
    redirect_status: int = 307

    def __attrs_post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}")
        if self.kind in BODY_KINDS and not self.after:
            object.__setattr__(self, "after", True)
        if self.kind == "redirect" and self.after:
            raise ValueError("a redirect strikes before the side effect")


@attrs.frozen(kw_only=True)
class Arrival:
    """One request as it arrived."""

    listener: str
    method: str
    target: str  # path and query, as sent
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names; repeated names joined with ", "
    body: bytes
    fault: Fault | None

    @property
    def idempotency_key(self) -> str | None:
        return self.headers.get("idempotency-key")

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


Handler = Callable[["Listener", socket.socket, Arrival], bool]  # -> keep the connection


class Listener:
    """One loopback socket, an accept thread, a thread per connection."""

    def __init__(self, name: str, handler: Handler, host: str = "127.0.0.1") -> None:
        self.name = name
        self._handler = handler
        self._sock = socket.create_server((host, 0))
        self._sock.settimeout(0.2)
        self.host = host
        self.port: int = self._sock.getsockname()[1]
        self._closed = threading.Event()
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, name=f"farend-{name}", daemon=True)
        self._thread.start()

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            with self._lock:
                self._conns.add(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        pending = b""
        try:
            while not self._closed.is_set():
                parsed = _read_request(conn, pending)
                if parsed is None:
                    return
                method, target, headers, body, pending = parsed
                split = urlsplit(target)
                arrival = Arrival(
                    listener=self.name,
                    method=method,
                    target=target,
                    path=split.path,
                    query=parse_qs(split.query),
                    headers=headers,
                    body=body,
                    fault=None,
                )
                if not self._handler(self, conn, arrival):
                    return
        except OSError:
            return
        finally:
            self.drop(conn)

    def drop(self, conn: socket.socket) -> None:
        with self._lock:
            self._conns.discard(conn)
        with contextlib.suppress(OSError):
            conn.close()

    def close_connections(self) -> None:
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._closed.set()
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() at once
        self._sock.close()
        self.close_connections()
        self._thread.join(timeout=2)


def _read_request(
    conn: socket.socket, pending: bytes
) -> tuple[str, str, dict[str, str], bytes, bytes] | None:
    """One request (method, target, headers, body, bytes left over), or None at EOF."""
    parser = h11.Connection(h11.SERVER)
    if pending:
        parser.receive_data(pending)
    method = target = ""
    headers: dict[str, str] = {}
    body = bytearray()
    while True:
        try:
            event = parser.next_event()
        except h11.RemoteProtocolError:
            return None
        if event is h11.NEED_DATA:
            data = conn.recv(65536)
            parser.receive_data(data)  # b"" tells h11 about EOF
            continue
        if isinstance(event, h11.Request):
            method = event.method.decode("ascii")
            target = event.target.decode("latin-1")
            for name, value in event.headers:
                key = name.decode("latin-1").lower()
                text = value.decode("latin-1")
                headers[key] = f"{headers[key]}, {text}" if key in headers else text
        elif isinstance(event, h11.Data):
            body += event.data
        elif isinstance(event, h11.EndOfMessage):
            return method, target, headers, bytes(body), parser.trailing_data[0]
        else:  # ConnectionClosed, PAUSED at EOF
            return None


def _reason(status: int) -> bytes:
    try:
        return http.HTTPStatus(status).phrase.encode("ascii")
    except ValueError:
        return b"Unknown"


def raw_response(
    status: int,
    headers: Sequence[tuple[str | bytes, str | bytes]],
    body: bytes,
    *,
    content_length: int | None = None,
) -> bytes:
    """The bytes of a response; ``content_length`` may lie about ``body``."""
    lines = [b"HTTP/1.1 %d %s" % (status, _reason(status))]
    for name, value in headers:
        raw_name = name if isinstance(name, bytes) else name.encode("latin-1")
        raw_value = value if isinstance(value, bytes) else value.encode("latin-1")
        lines.append(raw_name + b": " + raw_value)
    length = len(body) if content_length is None else content_length
    lines.append(b"Content-Length: %d" % length)
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


class FarEnd:
    """``with FarEnd() as far:``: ``far.base_url`` plays the API at 127.0.0.1 on a random
    port; ``far.other`` is a second origin (another port) that redirects point to, which
    records anything that reaches it.

    Faults: :meth:`script` (the next requests, in order) and :meth:`mix` (random, seeded).
    Ledger: :attr:`charges` counts charges per idempotency key (``None`` for unkeyed
    creates); a replay of a stored key returns the stored answer with
    ``Idempotent-Replayed: true`` and charges nothing, as TokPortal does.
    """

    def __init__(self, *, api_key: str = API_KEY) -> None:
        self.api_key = api_key
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._abort = threading.Event()
        self._script: list[Fault | None] = []
        self._mix: tuple[float, tuple[str, ...], float, random.Random, Callable[[Arrival], bool]]
        self._mix = (0.0, (), 0.0, random.Random(0), lambda a: True)
        self.arrivals: list[Arrival] = []
        self.other_arrivals: list[Arrival] = []
        self.charges: Counter[str | None] = Counter()
        self._ledger: dict[str, bytes] = {}
        self.bundles: dict[str, dict[str, Any]] = {}
        self.stalls_started = 0
        self._request_ids = 0
        self.main = Listener("main", self._handle)
        self.other = Listener("other", self._handle_other)

    # Lifecycle --------------------------------------------------------------------------

    def __enter__(self) -> FarEnd:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._abort.set()
        self.main.close()
        self.other.close()

    def abort_all(self) -> None:
        """End every stall now and cut every open connection (a test's deadline ran out)."""
        self._abort.set()
        self.main.close_connections()
        self.other.close_connections()

    @property
    def aborted(self) -> bool:
        """True once :meth:`abort_all` (or :meth:`close`) ran."""
        return self._abort.is_set()

    @property
    def base_url(self) -> str:
        return f"{self.main.origin}/api/ext"

    # Fault plan -------------------------------------------------------------------------

    def script(self, *faults: Fault | None) -> None:
        """The next requests meet these faults in order (None: answered normally)."""
        with self._lock:
            self._script.extend(faults)

    def mix(
        self,
        rate: float,
        kinds: Iterable[str] = KINDS,
        *,
        seed: int = 0,
        after_share: float = 0.5,
        where: Callable[[Arrival], bool] = lambda a: True,
    ) -> None:
        """From now on a share ``rate`` of the requests ``where`` selects meets a random
        fault among ``kinds``; of those that can strike on either side of the side effect,
        a share ``after_share`` strikes after it."""
        with self._lock:
            self._mix = (rate, tuple(kinds), after_share, random.Random(seed), where)

    def _draw(self, arrival: Arrival) -> Fault | None:
        with self._lock:
            if self._script:
                return self._script.pop(0)
            rate, kinds, after_share, rng, where = self._mix
            if not kinds or not where(arrival) or rng.random() >= rate:
                return None
            kind = rng.choice(kinds)
            after = kind in BODY_KINDS or (kind in EITHER_SIDE and rng.random() < after_share)
            status = rng.choice((500, 502, 503, 504, 408, 429, 429))
            retry_after = None
            if status == 429:
                # Seconds or an HTTP date (a moment already here: nothing to wait).
                retry_after = rng.choice(("0", email.utils.formatdate(time.time(), usegmt=True)))
            redirect = rng.choice((301, 302, 307, 308))
            return Fault(
                kind=kind,
                after=after,
                status=status,
                retry_after=retry_after,
                redirect_status=redirect,
                stall=1.0,
            )

    # Ledger views -----------------------------------------------------------------------

    def charged(self, key: str | None) -> int:
        with self._lock:
            return self.charges[key]

    def double_charges(self) -> dict[str | None, int]:
        with self._lock:
            return {k: n for k, n in self.charges.items() if k is not None and n > 1}

    def wait_for(self, predicate: Callable[[FarEnd], bool], timeout: float = 5.0) -> bool:
        """Block (a thread) until ``predicate(self)`` holds or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._arrived.wait(left)
        return True

    # Serving ----------------------------------------------------------------------------

    def _headers(self, extra: Iterable[tuple[str, str]] = ()) -> list[tuple[str, str]]:
        with self._lock:
            self._request_ids += 1
            request_id = f"req_far{self._request_ids:06d}"
        return [
            ("X-TokPortal-API-Version", "2026-05-25"),
            ("X-TokPortal-Request-ID", request_id),
            ("X-RateLimit-Limit", "100000"),
            ("X-RateLimit-Remaining", "99999"),
            ("X-RateLimit-Reset", str(int(time.time()) + 60)),
            *extra,
        ]

    def _handle(self, listener: Listener, conn: socket.socket, arrival: Arrival) -> bool:
        fault = self._draw(arrival)
        arrival = attrs.evolve(arrival, fault=fault)
        with self._arrived:
            self.arrivals.append(arrival)
            self._arrived.notify_all()
        if fault is not None and not fault.after:
            return self._strike(conn, fault, arrival, None)
        status, body, extra = self._route(arrival)
        if fault is not None:
            return self._strike(conn, fault, arrival, (status, body, extra))
        conn.sendall(raw_response(status, self._headers(extra), body))
        return True

    def _handle_other(self, listener: Listener, conn: socket.socket, arrival: Arrival) -> bool:
        with self._arrived:
            self.other_arrivals.append(arrival)
            self._arrived.notify_all()
        # A plausible answer, so that a client that followed would believe it.
        body = json.dumps({"data": _bundle("leaked", "leaked")}).encode()
        conn.sendall(raw_response(200, [("Content-Type", "application/json")], body))
        return True

    def _stall(self, seconds: float) -> None:
        with self._arrived:
            self.stalls_started += 1
            self._arrived.notify_all()
        self._abort.wait(seconds)

    def _strike(
        self,
        conn: socket.socket,
        fault: Fault,
        arrival: Arrival,
        answer: tuple[int, bytes, list[tuple[str, str]]] | None,
    ) -> bool:
        """Misbehave; the return value says whether the connection stays usable."""
        kind = fault.kind
        json_type = [("Content-Type", "application/json")]
        if kind == "drop":
            return False
        if kind == "stall_headers":
            self._stall(fault.stall)
            return False
        if kind == "status":
            extra = list(json_type)
            if fault.retry_after is not None:
                extra.append(("Retry-After", fault.retry_after))
            error = {"error": {"code": f"HTTP_{fault.status}", "message": "injected fault"}}
            conn.sendall(
                raw_response(fault.status, self._headers(extra), json.dumps(error).encode())
            )
            return True
        if kind == "redirect":
            location = f"{self.other.origin}{arrival.target}"
            conn.sendall(
                raw_response(fault.redirect_status, self._headers([("Location", location)]), b"")
            )
            return True
        if answer is None:
            # Before the side effect: half of an answer that was never computed.
            answer = (200, json.dumps({"data": _bundle("unsent", "unsent")}).encode(), json_type)
        status, body, extra = answer
        if kind in ("stall_body", "truncate"):
            half = body[: len(body) // 2]
            conn.sendall(raw_response(status, self._headers(extra), half, content_length=len(body)))
            if kind == "stall_body":
                self._stall(fault.stall)
            return False
        if kind == "slow_body":
            whole = raw_response(status, self._headers(extra), body)
            step = -(-len(whole) // 8)
            for start in range(0, len(whole), step):
                conn.sendall(whole[start : start + step])
                self._abort.wait(0.02)
            return True
        if kind == "invalid_json":
            bad = body[: len(body) // 2] + b"}]},"
            conn.sendall(raw_response(status, self._headers(json_type), bad))
        elif kind == "text_plain":
            text_type = [("Content-Type", "text/plain; charset=utf-8")]
            conn.sendall(raw_response(status, self._headers(text_type), b"OK"))
        elif kind == "bad_gzip":
            gzip_type = [*json_type, ("Content-Encoding", "gzip")]
            conn.sendall(
                raw_response(status, self._headers(gzip_type), b"\x1f\x8bnot gzip" + body[:40])
            )
        elif kind == "nan":
            nan = body.replace(b'"data": {', b'"data": {"score": NaN, ', 1)
            if nan == body:
                nan = b'{"data": {"score": NaN}}'
            conn.sendall(raw_response(status, self._headers(json_type), nan))
        elif kind == "non_ascii_header":
            odd: list[tuple[str | bytes, str | bytes]] = [
                *self._headers(extra),
                ("X-Odd", "caf\u00e9 \u2603".encode()),
                ("X-Latin", b"r\xe9sum\xe9"),
            ]
            conn.sendall(raw_response(status, odd, body))
        else:  # pragma: no cover - every kind is handled above
            raise AssertionError(kind)
        return True

    # The slice of TokPortal -------------------------------------------------------------

    def _route(self, arrival: Arrival) -> tuple[int, bytes, list[tuple[str, str]]]:
        json_type = [("Content-Type", "application/json")]
        if arrival.method == "PUT" and arrival.path.startswith("/storage/"):
            # The storage a presigned URL points to: no TokPortal auth, the signature is in
            # the URL. It stores nothing; the arrival is the record.
            return 200, b"", [("ETag", '"far"')]
        if arrival.headers.get("x-api-key") != self.api_key:
            return _error(401, "AUTH_INVALID_KEY", "bad key")
        path = arrival.path.removeprefix("/api/ext")
        if arrival.method == "POST" and path == "/upload/video":
            request = arrival.json() or {}
            token = uuid.uuid4().hex
            filename = str(request.get("filename", "video.mp4"))
            data = {
                "upload_url": f"{self.main.origin}/storage/{token}?X-Signature=s3cret-{token}",
                "method": "PUT",
                "headers": {"Content-Type": request.get("content_type", "video/mp4")},
                "expires_at": "2026-11-28T13:00:00.000Z",
                "public_url": f"https://cdn.example.com/videos/{token}/{filename}",
                "filename": filename,
                "content_type": request.get("content_type", "video/mp4"),
            }
            return 200, json.dumps({"data": data}).encode(), json_type
        if arrival.method == "POST" and path == "/bundles":
            return self._create(arrival)
        if arrival.method == "GET" and path == "/bundles":
            page = int(arrival.query.get("page", ["1"])[0])
            per_page = int(arrival.query.get("per_page", ["100"])[0])
            with self._lock:
                items = list(self.bundles.values())
            chunk = items[(page - 1) * per_page : page * per_page]
            total_pages = max(1, -(-len(items) // per_page))
            pagination = {
                "page": page,
                "per_page": per_page,
                "total": len(items),
                "total_pages": total_pages,
            }
            return 200, json.dumps({"data": chunk, "pagination": pagination}).encode(), json_type
        if arrival.method == "GET" and path.startswith("/bundles/"):
            with self._lock:
                bundle = self.bundles.get(path.removeprefix("/bundles/"))
            if bundle is None:
                return _error(404, "BUNDLE_NOT_FOUND", "no such bundle")
            return 200, json.dumps({"data": bundle}).encode(), json_type
        return _error(404, "NOT_FOUND", f"{arrival.method} {path} is not played here")

    def _create(self, arrival: Arrival) -> tuple[int, bytes, list[tuple[str, str]]]:
        json_type = [("Content-Type", "application/json")]
        key = arrival.idempotency_key
        request = arrival.json() or {}
        with self._lock:
            if key is not None and key in self._ledger:
                return 200, self._ledger[key], [*json_type, ("Idempotent-Replayed", "true")]
            bundle_id = str(uuid.uuid4())
            bundle = _bundle(bundle_id, str(request.get("title", "")))
            self.bundles[bundle_id] = bundle
            self.charges[key] += 1
            charged = sum(self.charges.values())
            body = json.dumps(
                {
                    "data": bundle,
                    "credits_charged": PRICE,
                    "credits_remaining": 1_000_000 - PRICE * charged,
                    "cost_breakdown": {"account_creation": PRICE, "total": PRICE},
                }
            ).encode()
            if key is not None:
                self._ledger[key] = body
        return 200, body, json_type


def _error(status: int, code: str, message: str) -> tuple[int, bytes, list[tuple[str, str]]]:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    return status, body, [("Content-Type", "application/json")]


def _bundle(bundle_id: str, title: str) -> dict[str, Any]:
    now = "2026-11-28T12:00:00.000Z"
    return {
        "id": bundle_id,
        "bundle_id": bundle_id,
        "title": title,
        "bundle_type": "account_only",
        "platform": "tiktok",
        "country": "USA",
        "status": "pending_setup",
        "external_ref": None,
        "videos_quantity": 0,
        "edits_quantity": 0,
        "videos_configured_count": 0,
        "videos_finalized_count": 0,
        "is_published": False,
        "account_configured": False,
        "account_status": "pending",
        "saved_account_id": None,
        "auto_finalize_videos": True,
        "review_mode": "auto_finalize",
        "wants_advanced_warming": False,
        "advanced_warming_terms_count": 0,
        "wants_niche_warming": False,
        "credits_spent": PRICE,
        "created_at": now,
        "updated_at": now,
        "published_at": None,
        "accepted_at": None,
        "completed_at": None,
        "unpublished_at": None,
    }
