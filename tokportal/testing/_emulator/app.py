"""The request pipeline every call goes through, in-process or over sockets.

``begin`` (route, faults, auth, rate limit, scope, idempotency claim) and ``finish`` (run the
handler, store the outcome, answer) are split so a latency fault can wait between them without
holding the lock: that is what lets a concurrent duplicate see IDEMPOTENCY_REQUEST_IN_PROGRESS,
and what lets the async transport ``await`` the delay instead of blocking the event loop.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from typing import Any, NamedTuple

import attrs
import httpx

from ..._core.config import API_VERSION
from ..._operations import Operation
from . import storage
from .catalog import API_STABILITY
from .clock import BusinessClock
from .context import Ctx
from .faults import FaultPlan, Faults
from .fields import check_fields
from .handlers import ROUTES
from .http import JSON_TYPE, ApiError, Body, FormPart, Query, Reply, parse_multipart, validation
from .idempotency import Claim, Ledger, StoredAnswer, fingerprint
from .ids import request_id
from .ratelimit import CapacityGate, RateDecision, RateLimiter
from .routing import Route, Router, strip_prefix
from .state import ApiKey, SharedLock, World
from .webhooks import Dispatcher

DRY_RUN_NOTICE = (
    "Dry run: validated and priced like a real call, but nothing was created, published or "
    "charged. Synthetic ids (00000000-0000-4000-8000-...) must never be reused in live calls."
)
_SAFE_REQUEST_ID = re.compile(r"^[\x21-\x7e]{1,128}$")
CORS_HEADERS = (
    "X-API-Key",
    "Content-Type",
    "Idempotency-Key",
    "X-TokPortal-Dry-Run",
    "X-Request-ID",
    "X-TokPortal-Client",
)
EXPOSED_HEADERS = (
    "X-TokPortal-API-Version",
    "X-TokPortal-API-Stability",
    "X-TokPortal-Request-ID",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "Retry-After",
    "Idempotent-Replayed",
)
_FAULT_CODES = {
    500: "INTERNAL_ERROR",
    502: "BAD_GATEWAY",
    503: "SERVICE_UNAVAILABLE",
    504: "GATEWAY_TIMEOUT",
}


class RequestRecord(NamedTuple):
    """One line of ``emu.requests``. ``status`` is ``None`` when a fault dropped the connection."""

    method: str
    path: str
    status: int | None
    operation_id: str | None


@attrs.define
class Prepared:
    """A request between ``begin`` and ``finish``."""

    request: httpx.Request
    request_id: str
    method: str
    path: str
    route: Route | None = None
    reply: Reply | None = None
    key: ApiKey | None = None
    rate_headers: dict[str, str] = attrs.Factory(dict)
    body: Any = None
    form: dict[str, FormPart] | None = None
    dry_run: bool = False
    claim: Claim | None = None
    replayed: bool = False
    faults: FaultPlan = attrs.Factory(FaultPlan)
    stalled: bool = False  # a stall fault: never answered, never run

    @property
    def latency(self) -> float:
        return self.faults.latency

    @property
    def operation_id(self) -> str | None:
        return self.route.operation.operation_id if self.route else None


class Core:
    def __init__(
        self,
        *,
        world: World,
        clock: BusinessClock,
        lock: SharedLock,
        limiter: RateLimiter,
        capacity: CapacityGate,
        ledger: Ledger,
        faults: Faults,
        dispatcher: Dispatcher,
        log: list[RequestRecord],
    ) -> None:
        self.world = world
        self.clock = clock
        self.lock = lock
        self.limiter = limiter
        self.capacity = capacity
        self.ledger = ledger
        self.faults = faults
        self.dispatcher = dispatcher
        self.log = log
        self.router = Router()

    # -- phase 1 ----------------------------------------------------------------------------------

    def begin(self, request: httpx.Request) -> Prepared:
        raw_path = request.url.raw_path.split(b"?", 1)[0].decode("ascii", "replace")
        p = Prepared(
            request, request_id_for(request), request.method.upper(), strip_prefix(raw_path)
        )
        if storage.is_storage_path(p.path):
            return p
        if p.method == "OPTIONS":
            p.reply = preflight()
            return p
        try:
            p.route = self.router.resolve(p.method, p.path)
        except ApiError as error:
            p.reply = error.reply()
            return p
        p.faults = self.faults.draw(p.operation_id)
        blocking = p.faults.blocking
        if blocking is not None:
            if blocking.kind == "stall":
                p.stalled = True
                return p
            if blocking.kind == "reset_before":
                self._record(p, None)
                raise httpx.ConnectError(
                    "Connection reset by the emulator (reset_before fault).", request=request
                )
            p.reply = (
                fault_reply(blocking.status)
                if blocking.kind == "status"
                else rate_limited(self.limiter.refused())
            )
            return p
        with self.lock:
            try:
                self._admit(p)
            except ApiError as error:
                p.reply = error.reply()
        return p

    def _admit(self, p: Prepared) -> None:
        assert p.route is not None
        op = p.route.operation
        p.key = self._authenticate(p.request)
        decision = self.limiter.consume(p.key.key)
        p.rate_headers = decision.headers()
        if not decision.allowed:
            raise rate_limit_error(decision)
        check_scope(p.key, op)
        idempotency_key = p.request.headers.get("Idempotency-Key")
        if op.is_sensitive and idempotency_key is not None:
            raise ApiError(
                400,
                "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE",
                f"{op.operation_id} returns a secret and does not accept an Idempotency-Key; "
                "resend without it (reconcile first after an uncertain failure).",
                {"operation_id": op.operation_id},
            )
        canonical = self._read_body(p, op)
        p.dry_run = (
            op.is_write
            and p.request.headers.get("X-TokPortal-Dry-Run", "").strip().lower() == "true"
        )
        if idempotency_key is None or not op.accepts_idempotency_key or p.dry_run:
            return
        fp = fingerprint(p.method, p.path, p.request.url.query.decode(), canonical)
        outcome = self.ledger.claim(p.key.workspace_id, idempotency_key, fp)
        if isinstance(outcome, StoredAnswer):
            p.reply = Reply(
                status=outcome.status, body=outcome.body, content_type=outcome.content_type
            )
            p.replayed = True
        else:
            p.claim = outcome

    def _authenticate(self, request: httpx.Request) -> ApiKey:
        value = request.headers.get("X-API-Key")
        if not value:
            raise ApiError(401, "AUTH_MISSING_KEY", "Send your API key in the X-API-Key header.")
        key = self.world.key(value.strip())
        if key is None:
            raise ApiError(401, "AUTH_INVALID_KEY", "This API key matches no account.")
        if key.revoked:
            raise ApiError(401, "AUTH_REVOKED_KEY", "This API key was revoked.")
        return key

    def _read_body(self, p: Prepared, op: Operation) -> Any:
        """Parse the body the operation declares; returns its canonical form for fingerprints."""
        content = p.request.content
        if op.request_content_type == "multipart/form-data":
            content_type = p.request.headers.get("Content-Type", "")
            if not content_type.lower().startswith("multipart/form-data"):
                raise validation("body", "must be multipart/form-data")
            try:
                p.form = parse_multipart(content_type, content)
            except ApiError:
                raise
            except Exception:
                raise validation("body", "could not parse the multipart body") from None
            return sorted(
                (
                    part.name,
                    part.filename,
                    part.content_type,
                    hashlib.sha256(part.content).hexdigest(),
                )
                for part in p.form.values()
            )
        if op.request_content_type != JSON_TYPE:
            p.body = {}
            return None
        if not content.strip():
            if op.body_required:
                raise validation("body", "a JSON object body is required")
            p.body = {}
            return None
        try:
            parsed = json.loads(content)
        except (ValueError, UnicodeDecodeError):
            raise validation("body", "is not valid JSON") from None
        if not isinstance(parsed, dict):
            raise validation("body", "must be a JSON object")
        p.body = parsed
        return parsed

    # -- phase 2 ----------------------------------------------------------------------------------

    def finish(self, p: Prepared) -> httpx.Response:
        with self.lock:
            if storage.is_storage_path(p.path):
                reply = self._storage(p)
            elif p.reply is not None:
                reply = p.reply
            else:
                reply = self._run(p)
            body = reply.encode()
            if p.claim is not None:
                self.ledger.settle(p.claim, StoredAnswer(reply.status, reply.content_type, body))
            if p.faults.reset_after:
                self._record(p, None)
                raise httpx.RemoteProtocolError(
                    "Server disconnected without sending a response (reset_after fault).",
                    request=p.request,
                )
            self._record(p, reply.status)
        return self._respond(p, reply, body)

    def abandon(self, p: Prepared) -> None:
        """Drop a begun request without running it (the emulator is closing)."""
        with self.lock:
            if p.claim is not None:
                self.ledger.release(p.claim)
                p.claim = None
            self._record(p, None)

    def _storage(self, p: Prepared) -> Reply:
        try:
            return storage.handle(
                self.world,
                p.method,
                p.path,
                p.request.headers.get("Content-Type"),
                p.request.content,
                self.clock.now,
            )
        except ApiError as error:
            return error.reply()

    def _run(self, p: Prepared) -> Reply:
        assert p.route is not None and p.key is not None
        try:
            return self._execute(p, p.route, p.key)
        except ApiError as error:
            return error.reply()
        except Exception as exc:
            if p.claim is not None:
                self.ledger.release(p.claim)
                p.claim = None
            return ApiError(500, "INTERNAL_ERROR", f"Emulator error: {exc!r}").reply()

    def _execute(self, p: Prepared, route: Route, key: ApiKey) -> Reply:
        real = self.world.workspaces[key.workspace_id]
        pairs = list(p.request.url.params.multi_items())
        check_fields(route.operation.operation_id, pairs, p.body)
        world = self.world
        if p.dry_run:
            # Same handler, on a throwaway copy: identical validation and pricing, no effect.
            world = copy.deepcopy(self.world)
            world.ids.dry_run_from(self.world.ids)
        ctx = Ctx(
            world=world,
            workspace=world.workspaces[real.id],
            key=key,
            operation=route.operation,
            params=route.params,
            query=Query(pairs),
            body=Body(p.body if isinstance(p.body, dict) else {}),
            form=p.form,
            now=self.clock.now,
            dry_run=p.dry_run,
            origin=f"{p.request.url.scheme}://{p.request.url.netloc.decode('ascii')}",
            capacity=self.capacity,
            dispatcher=None if p.dry_run else self.dispatcher,
        )
        reply = ROUTES[route.operation.operation_id](ctx)
        if p.dry_run:
            return dry_run_reply(reply, ctx, real.credits)
        for event_type, data in ctx.events:
            self.dispatcher.publish(self.world, real.id, event_type, data, ctx.now)
        self.capacity.record(real.id, ctx.capacity_used)
        return reply

    # -- answering --------------------------------------------------------------------------------

    def _respond(self, p: Prepared, reply: Reply, body: bytes) -> httpx.Response:
        headers = {
            "X-TokPortal-API-Version": API_VERSION,
            "X-TokPortal-API-Stability": API_STABILITY,
            "X-TokPortal-Request-ID": p.request_id,
            **p.rate_headers,
            **reply.headers,
        }
        if reply.content_type and reply.status != 204:
            headers["Content-Type"] = reply.content_type
        if p.replayed:
            headers["Idempotent-Replayed"] = "true"
        return httpx.Response(reply.status, headers=headers, content=body, request=p.request)

    def _record(self, p: Prepared, status: int | None) -> None:
        with self.lock:
            self.log.append(RequestRecord(p.method, p.path, status, p.operation_id))


def preflight() -> Reply:
    """CORS preflight: answered for any path, without authentication (like the real API)."""
    return Reply(
        status=204,
        body=None,
        content_type="",
        headers={
            "Access-Control-Allow-Origin": "*",
            "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
            "Access-Control-Allow-Headers": ", ".join(CORS_HEADERS),
            "Access-Control-Expose-Headers": ", ".join(EXPOSED_HEADERS),
        },
    )


def request_id_for(request: httpx.Request) -> str:
    given: str | None = request.headers.get("X-Request-ID")
    if given is not None and _SAFE_REQUEST_ID.match(given):
        return given
    return request_id()


def check_scope(key: ApiKey, op: Operation) -> None:
    if key.scope == "*" or (key.scope == "read") != op.is_write:
        return
    raise ApiError(
        403,
        "AUTH_INSUFFICIENT_SCOPE",
        f"A {key.scope!r} key cannot call {op.method} {op.path}.",
        {"key_scope": key.scope, "required_scope": "write" if op.is_write else "read"},
    )


def rate_limit_error(decision: RateDecision) -> ApiError:
    return ApiError(
        429,
        "RATE_LIMIT_EXCEEDED",
        f"Rate limit exceeded; retry in {decision.retry_after} s.",
        {"retry_after_seconds": decision.retry_after},
        headers={"Retry-After": str(decision.retry_after)},
    )


def rate_limited(decision: RateDecision) -> Reply:
    reply = rate_limit_error(decision).reply()
    reply.headers.update(decision.headers())
    return reply


def fault_reply(status: int) -> Reply:
    code = _FAULT_CODES.get(status, "INJECTED_FAULT")
    return ApiError(status, code, f"Injected fault: HTTP {status}.", {"injected": True}).reply()


def dry_run_reply(reply: Reply, ctx: Ctx, credits_now: int) -> Reply:
    if reply.status == 204:
        reply = Reply(status=200, body={"data": None})
    if not reply.is_json or not isinstance(reply.body, dict):
        return reply  # text answers (HTML export) have no envelope to annotate
    body = dict(reply.body)
    body.update(
        {
            "credits_charged": 0,
            "credits_would_charge": ctx.charged,
            "credits_remaining": credits_now,
            "cost_breakdown": body.get("cost_breakdown") or ctx.breakdown or {"total": 0},
            "dry_run": True,
            "dry_run_notice": DRY_RUN_NOTICE,
        }
    )
    return Reply(
        status=reply.status, body=body, content_type=reply.content_type, headers=reply.headers
    )
