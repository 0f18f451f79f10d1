"""``Emulator``: the public face of the embedded TokPortal API."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

import httpx

from . import lifecycle, pricing, server, simulator, views
from .app import Core, RequestRecord
from .catalog import VIDEO_FLAGS
from .clock import BusinessClock
from .faults import Faults
from .idempotency import Ledger
from .ids import Ids
from .inflight import Inflight, closed_while_stalled, gives_up, read_timeout, timed_out
from .ratelimit import CapacityGate, RateLimiter
from .simulator import SimEffects
from .state import Ban, Bundle, SavedAccount, SharedLock, WebhookDelivery, Workspace, World
from .transport import EmulatorTransport
from .webhooks import Dispatcher

DEFAULT_EMAIL = "developer@example.com"
BAN_STATUSES = ("appeal_pending", "appeal_accepted", "appeal_refused", "no_appeal_banned")
BAN_RESOLUTIONS = ("refund", "remake", "no_remake")


class Emulator:
    """An in-memory, stateful TokPortal API (version 2026-05-25) for tests and demos.

    Talk to it in-process with ``httpx.Client(transport=emu.transport, base_url=...)`` (any
    host), or over loopback sockets with ``with emu.serve() as base_url``. Time in the emulated
    world only moves with :meth:`advance`, which also runs the simulated account manager.
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        rate_limit_per_minute: float = 120,
        rate_limit_burst: int | None = None,
        initial_credits: int = 1000,
        start_time: datetime | None = None,
    ) -> None:
        self.seed = seed
        self._lock = SharedLock()
        self._clock = BusinessClock.starting_at(start_time)
        self._world = World(ids=Ids.seeded(seed), lock=self._lock)
        self._workspace = self._world.new_workspace(
            credits=initial_credits, email=DEFAULT_EMAIL, created_at=self._clock.now
        )
        self._api_key = self._workspace.create_key("*")
        self.faults = Faults(seed)
        self.requests: list[RequestRecord] = []
        self._limiter = RateLimiter(rate_limit_per_minute, rate_limit_burst)
        self._capacity = CapacityGate()
        self._ledger = Ledger()
        self._dispatcher = Dispatcher(self._lock, lambda: self._clock.now)
        self._core = Core(
            world=self._world,
            clock=self._clock,
            lock=self._lock,
            limiter=self._limiter,
            capacity=self._capacity,
            ledger=self._ledger,
            faults=self.faults,
            dispatcher=self._dispatcher,
            log=self.requests,
        )
        self._inflight = Inflight()
        self.transport = EmulatorTransport(self)

    def __repr__(self) -> str:  # never shows the key
        return f"Emulator(seed={self.seed}, now={self.now.isoformat()}, workspaces={len(self._world.workspaces)})"

    # -- identities ---------------------------------------------------------------------------

    @property
    def rate_limit_per_minute(self) -> float:
        """The per-key rate limit this emulator enforces (requests per minute)."""
        return self._limiter.per_minute

    @property
    def rate_limit_burst(self) -> int:
        """The per-key bucket capacity (``X-RateLimit-Limit``)."""
        return self._limiter.capacity

    @property
    def api_key(self) -> str:
        """Full-scope key of the default, funded workspace."""
        return self._api_key

    @property
    def workspace(self) -> Workspace:
        """The default workspace, the one ``api_key`` belongs to."""
        return self._workspace

    @property
    def workspaces(self) -> list[Workspace]:
        """Every workspace, the default one first."""
        with self._lock:
            return list(self._world.workspaces.values())

    def create_workspace(self, *, credits: int = 1000, email: str | None = None) -> Workspace:
        """Another, isolated workspace (another TokPortal customer). Mint keys with ``create_key``."""
        with self._lock:
            n = len(self._world.workspaces) + 1
            return self._world.new_workspace(
                credits=credits,
                email=email or f"workspace{n}@example.com",
                created_at=self._clock.now,
            )

    def revoke_key(self, key: str) -> None:
        """Revoke an API key: its next request answers 401."""
        with self._lock:
            found = self._world.key(key)
            if found is None:
                raise KeyError("unknown API key")
            found.revoked = True

    # -- requests -----------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Serve one request synchronously (thread-safe). Connection faults raise httpx errors.

        An injected delay longer than the request's read timeout
        (``request.extensions["timeout"]``) raises ``httpx.ReadTimeout`` once that timeout has
        passed, while the request goes on in the background, as over sockets. A stalled
        request raises it too (or, without a timeout, ``httpx.RemoteProtocolError`` once the
        emulator is closed) and never runs.
        """
        return self._handle(request)

    def _handle(
        self, request: httpx.Request, *, until_client_leaves: Callable[[], None] | None = None
    ) -> httpx.Response:
        """``handle``; the socket server passes ``until_client_leaves`` for a stall fault."""
        try:
            request.content  # noqa: B018 - raises if the body was not read yet
        except httpx.RequestNotRead:
            request.read()
        self._inflight.enter()
        handed_off = False
        try:
            prepared = self._core.begin(request)
            if prepared.stalled:
                limit = read_timeout(request)
                try:
                    if until_client_leaves is not None:
                        until_client_leaves()
                    elif limit is None:
                        self._inflight.wait_closed()
                    else:
                        time.sleep(limit)
                finally:
                    self._core.abandon(prepared)
                if limit is None:
                    raise closed_while_stalled(request)
                raise timed_out(request, limit, why="stall: never answered")
            delay = prepared.latency
            if delay > 0:
                limit = gives_up(request, delay)
                if limit is not None:
                    time.sleep(limit)
                    self._inflight.finish_later(self._core, prepared, delay - limit)
                    handed_off = True
                    raise timed_out(request, limit)
                time.sleep(delay)
            return self._core.finish(prepared)
        finally:
            if not handed_off:
                self._inflight.leave()

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until every request the emulator began has finished, including those whose
        client gave up (timed out or was cancelled) during an injected delay: the emulator
        still runs them, as a server does when its client hangs up. ``False`` on timeout."""
        return self._inflight.wait_idle(timeout)

    def serve(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        request_timeout: float = server.DEFAULT_REQUEST_TIMEOUT,
    ) -> AbstractContextManager[str]:
        """Serve on real loopback sockets in a background thread; yields the ``/api/ext`` base URL.

        ``request_timeout``: a request must arrive in full (headers and body) within this many
        seconds of its first byte, or it is answered 408 and its connection closed.
        """
        return server.serve(self, host, port, request_timeout)

    # -- time and the simulated account manager --------------------------------------------------

    @property
    def now(self) -> datetime:
        """The emulator's business clock (moved by ``advance``)."""
        with self._lock:
            return self._clock.now

    def advance(
        self, hours: float = 0, minutes: float = 0, seconds: float = 0, days: float = 0
    ) -> datetime:
        """Move the business clock forward, firing every simulated step that falls due."""
        delta = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
        if delta < timedelta():
            raise ValueError("the business clock only moves forward")
        with self._lock:
            simulator.advance(
                self._world, self._clock, self._clock.now + delta, self._dispatcher.publish
            )
            return self._clock.now

    # -- capacity, webhooks, test helpers ---------------------------------------------------------

    def set_capacity(self, max_operations: int, window_seconds: float) -> None:
        """Workspace-wide rolling capacity for bundle creation/publication (429 capacity_cooldown)."""
        with self._lock:
            self._capacity.configure(max_operations, window_seconds)

    def forget_idempotency_keys(self) -> int:
        """Forget every stored ``Idempotency-Key`` answer, as if the ledger's retention had
        passed (API.md does not say how long TokPortal keeps them); returns how many were
        dropped. A key sent again afterwards runs its request again: only ``external_ref``
        still de-duplicates bundles. Requests running right now keep their claim."""
        with self._lock:
            return self._ledger.forget()

    def change_prices(self, *, refuse_next: int = 0, **costs: int) -> None:
        """Move bundle checkout prices, named as ``GET /credit-costs`` names them
        (``account_creation``, ``video_upload``, ``video_edit``, ``advanced_warming``,
        ``niche_warming``); dry runs and ``/credit-costs`` show the new prices at once.

        ``refuse_next=N``: the next ``N`` paid checkouts (``createBundle``,
        ``createBundlesBulk``, not their dry runs) answer 409 ``BUNDLE_PRICING_CHANGED``
        before any debit, as when the price moved between a client's quote and its
        checkout; the answer is stored under the request's ``Idempotency-Key`` like any
        4xx, so only a new key gets through. Later checkouts use the new prices.
        """
        unknown = sorted(set(costs) - set(pricing.CHANGEABLE))
        if unknown:
            raise ValueError(
                f"unknown price(s) {', '.join(unknown)}; known: {', '.join(pricing.CHANGEABLE)}"
            )
        for name, value in {**costs, "refuse_next": refuse_next}.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
        with self._lock:
            prices = self._world.prices
            for name, value in costs.items():
                setattr(prices, name, value)
            prices.refuse_next = refuse_next

    @property
    def webhook_deliveries(self) -> list[WebhookDelivery]:
        """Every delivery attempt so far (a snapshot list; the records update as sends finish)."""
        with self._lock:
            return list(self._world.deliveries)

    def flush_webhooks(self, timeout: float = 5.0) -> bool:
        """Wait until queued loopback deliveries were attempted. From inside an event loop that
        also runs the receiver, call it through ``anyio.to_thread.run_sync``."""
        return self._dispatcher.flush(timeout)

    # -- what the platforms decide: test controls for the newer event types ---------------------

    def flag_video(self, bundle_id: str, position: int, flag: str) -> dict[str, Any]:
        """Test helper: the platform flags a posted video (``in_review`` or later); ``flag``
        ``not_recommended``, ``ai_labeled`` or ``sound_restricted`` emits ``video.<flag>``."""
        if flag not in VIDEO_FLAGS:
            raise ValueError(f"flag must be one of {VIDEO_FLAGS}")
        with self._lock:
            ws, bundle = self._bundle(bundle_id)
            slot = bundle.video_at(position)
            if slot is None:
                raise KeyError(f"bundle {bundle_id!r} has no video at position {position}")
            if slot.status not in lifecycle.POSTED_VIDEO:
                raise ValueError(f"a {slot.status} video is not posted yet")
            lifecycle.flag_video(self._effects(ws), bundle, slot, flag)
            return views.video_event(bundle, slot)

    def warn_distribution(
        self, saved_account_id: str, *, reason: str = "reduced_reach"
    ) -> dict[str, Any]:
        """Test helper: the platform limits a delivered account's reach
        (``account.distribution_warning``)."""
        with self._lock:
            ws = self._world.owner_of("saved_accounts", saved_account_id)
            if ws is None:
                raise KeyError(f"no delivered account {saved_account_id!r}")
            saved = ws.saved_accounts[saved_account_id]
            lifecycle.warn_distribution(self._effects(ws), saved, reason)
            return views.saved_account(saved)

    # -- what TokPortal's side decides: test controls for the events no API call triggers -----

    def _effects(self, ws: Workspace) -> SimEffects:
        return SimEffects(self._world, ws, self._clock.now, self._dispatcher.publish)

    def _bundle(self, bundle_id: str) -> tuple[Workspace, Bundle]:
        ws = self._world.owner_of("bundles", bundle_id)
        if ws is None:
            raise KeyError(f"no bundle {bundle_id!r}")
        return ws, ws.bundles[bundle_id]

    def _ban(self, ban_id: str) -> tuple[Workspace, Ban, SavedAccount]:
        ws = self._world.owner_of("bans", ban_id)
        if ws is None:
            raise KeyError(f"no ban {ban_id!r}")
        ban = ws.bans[ban_id]
        return ws, ban, ws.saved_accounts[ban.account_id]

    def cancel_bundle(
        self, bundle_id: str, *, reason: str = "cancelled_by_tokportal", refund: bool = False
    ) -> dict[str, Any]:
        """Test helper: TokPortal cancels a bundle (emits ``bundle.cancelled``; with
        ``refund=True`` also restores what the bundle cost: ``credits.restored``). Pending
        simulated steps of the bundle are dropped; publishing it again answers 409."""
        with self._lock:
            ws, bundle = self._bundle(bundle_id)
            if bundle.status not in lifecycle.BUNDLE_CANCELLABLE:
                raise ValueError(f"a {bundle.status} bundle cannot be cancelled")
            lifecycle.cancel_bundle(self._effects(ws), bundle, reason=reason, refund=refund)
            return views.bundle(bundle)

    def archive_bundle(self, bundle_id: str) -> dict[str, Any]:
        """Test helper: archive a ``completed`` or ``cancelled`` bundle (``bundle.archived``)."""
        with self._lock:
            ws, bundle = self._bundle(bundle_id)
            if bundle.status not in lifecycle.BUNDLE_ARCHIVABLE:
                raise ValueError(f"a {bundle.status} bundle cannot be archived")
            lifecycle.archive_bundle(self._effects(ws), bundle)
            return views.bundle(bundle)

    def ban_account(
        self,
        saved_account_id: str,
        *,
        status: str = "no_appeal_banned",
        resolution: str | None = None,
    ) -> dict[str, Any]:
        """Test helper: report a ban on a delivered account; answers the ban row.

        ``status`` ``no_appeal_banned``/``appeal_refused`` emit ``account.banned``,
        ``appeal_pending`` ``account.ban_appeal.submitted``, ``appeal_accepted``
        ``account.ban_appeal.resolved``. A ``resolution`` is decided at once, as with
        :meth:`decide_ban_resolution`.
        """
        if status not in BAN_STATUSES:
            raise ValueError(f"status must be one of {BAN_STATUSES}")
        if resolution is not None:
            if resolution not in BAN_RESOLUTIONS:
                raise ValueError(f"resolution must be one of {BAN_RESOLUTIONS} or None")
            if status not in lifecycle.BANNED_STATUSES:
                raise ValueError(
                    "only a banned account (no appeal, or appeal refused) gets a resolution"
                )
        with self._lock:
            ws = self._world.owner_of("saved_accounts", saved_account_id)
            if ws is None:
                raise KeyError(f"no delivered account {saved_account_id!r}")
            ban = lifecycle.ban_account(
                self._effects(ws),
                ws.saved_accounts[saved_account_id],
                status=status,
                resolution=resolution,
            )
            return views.ban(ban, include_screenshots=False)

    def submit_ban_appeal(self, ban_id: str) -> dict[str, Any]:
        """Test helper: the account manager appeals a ``no_appeal_banned`` ban
        (``account.ban_appeal.submitted``; status ``appeal_pending``)."""
        with self._lock:
            ws, ban, saved = self._ban(ban_id)
            if ban.status != "no_appeal_banned" or ban.resolution is not None:
                raise ValueError(f"a {ban.status} ban cannot be appealed")
            lifecycle.submit_ban_appeal(self._effects(ws), saved, ban)
            return views.ban(ban, include_screenshots=False)

    def resolve_ban_appeal(self, ban_id: str, *, accepted: bool) -> dict[str, Any]:
        """Test helper: an ``appeal_pending`` ban's appeal is accepted (the account is back) or
        refused (``account.banned``); emits ``account.ban_appeal.resolved``."""
        with self._lock:
            ws, ban, saved = self._ban(ban_id)
            if ban.status != "appeal_pending":
                raise ValueError(f"no appeal is pending on a {ban.status} ban")
            lifecycle.resolve_ban_appeal(self._effects(ws), saved, ban, accepted=accepted)
            return views.ban(ban, include_screenshots=False)

    def decide_ban_resolution(self, ban_id: str, resolution: str) -> dict[str, Any]:
        """Test helper: decide what happens to a banned account
        (``account.ban_resolution.decided``): ``refund`` restores the account price
        (``credits.restored``), ``remake`` delivers a replacement with a new
        ``saved_account_id`` (``account.remade``), ``no_remake`` closes the case."""
        if resolution not in BAN_RESOLUTIONS:
            raise ValueError(f"resolution must be one of {BAN_RESOLUTIONS}")
        with self._lock:
            ws, ban, saved = self._ban(ban_id)
            if ban.status not in lifecycle.BANNED_STATUSES or ban.resolution is not None:
                raise ValueError(f"a {ban.status} ban cannot get a resolution (or has one)")
            lifecycle.decide_ban_resolution(self._effects(ws), saved, ban, resolution)
            return views.ban(ban, include_screenshots=False)

    def close(self) -> None:
        """Stop the webhook worker and drop abandoned requests still waiting out a delay (both
        run on daemon threads, so this is optional)."""
        self._inflight.close()
        self._dispatcher.close()

    def __enter__(self) -> Emulator:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


__all__ = ["Emulator"]
