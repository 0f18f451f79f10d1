"""The emulated world as plain data: workspaces and everything they own.

Everything here is deep-copyable on purpose: a dry run executes the real handler against a copy
of the :class:`World` and throws the copy away, which is how "same validation and pricing, no
state change" is guaranteed without a second code path. Infrastructure (locks, sockets, the
rate limiter, the idempotency ledger) lives outside the world.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from typing import Any, Literal

import attrs

from .ids import Ids
from .pricing import PriceList

KeyScope = Literal["*", "read", "write"]
KEY_SCOPES: tuple[str, ...] = ("*", "read", "write")


class SharedLock:
    """The one emulator lock. It survives ``copy.deepcopy`` as itself, so a dry-run copy of the
    world still synchronises with the real one."""

    def __init__(self) -> None:
        self.lock = threading.RLock()

    def __deepcopy__(self, memo: dict[int, Any]) -> SharedLock:
        return self

    def __enter__(self) -> None:
        self.lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


@attrs.define
class ApiKey:
    key: str
    workspace_id: str
    scope: str
    id: str
    created_at: datetime
    environment: str = "test"
    revoked: bool = False

    def __repr__(self) -> str:  # the key itself is a secret
        return f"ApiKey(id={self.id!r}, scope={self.scope!r}, revoked={self.revoked})"


@attrs.define
class Transaction:
    """One line of ``GET /credits/history``: ``amount`` is positive, ``type`` says the sign."""

    id: str
    type: Literal["debit", "credit"]
    amount: int
    balance_after: int
    description: str
    reference_type: str | None
    reference_id: str | None
    breakdown: dict[str, int]
    created_at: datetime
    expires_at: datetime | None = None


@attrs.define
class BundleAccount:
    """The account listing of a bundle (configuration + review status)."""

    account_id: str
    status: str = "pending"
    username: str | None = None
    visible_name: str | None = None
    biography: str | None = None
    profile_picture_url: str | None = None
    link_in_bio: str | None = None
    niche_warming_instructions: str | None = None
    configured_at: datetime | None = None
    in_review_at: datetime | None = None
    finalized_at: datetime | None = None
    corrections: list[dict[str, Any]] = attrs.Factory(list)
    rev: int = 0

    def missing_fields(self) -> list[str]:
        fields = ("username", "visible_name", "biography", "profile_picture_url")
        return [f for f in fields if not getattr(self, f)]


@attrs.define
class VideoSlot:
    id: str
    bundle_id: str
    position: int
    status: str = "pending"
    config: dict[str, Any] = attrs.Factory(dict)
    configured_at: datetime | None = None
    published_at: datetime | None = None
    accepted_at: datetime | None = None
    in_review_at: datetime | None = None
    finalized_at: datetime | None = None
    post_url: str | None = None
    corrections: list[dict[str, Any]] = attrs.Factory(list)
    paid_addons: set[str] = attrs.Factory(set)
    uses_edit_slot: bool = False
    updated_at: datetime | None = None
    rev: int = 0

    @property
    def target_date(self) -> str | None:
        value = self.config.get("target_publish_date")
        return value if isinstance(value, str) else None


@attrs.define
class Bundle:
    id: str
    workspace_id: str
    bundle_type: str
    platform: str
    country: str
    title: str | None
    external_ref: str | None
    edits_quantity: int
    auto_finalize_videos: bool
    created_at: datetime
    updated_at: datetime
    account: BundleAccount | None
    videos: list[VideoSlot] = attrs.Factory(list)
    status: str = "pending_setup"
    saved_account_id: str | None = None
    wants_advanced_warming: bool = False
    advanced_warming_terms_count: int = 0
    wants_niche_warming: bool = False
    niche_warming_instructions: str | None = None
    warming_session_id: str | None = None
    credits_spent: int = 0
    published_at: datetime | None = None
    accepted_at: datetime | None = None
    completed_at: datetime | None = None
    unpublished_at: datetime | None = None
    rev: int = 0

    @property
    def videos_quantity(self) -> int:
        return len(self.videos)

    def video_at(self, position: int) -> VideoSlot | None:
        if 1 <= position <= len(self.videos):
            return self.videos[position - 1]
        return None


@attrs.define
class Coverage:
    """TokPortal Coverage (the managed subscription) of one delivered account."""

    status: str
    current_period_start: datetime
    current_period_end: datetime
    lock_version: int = 1
    price_per_period: int = 25
    cancelled_at: datetime | None = None
    lapsed_at: datetime | None = None
    ended_at: datetime | None = None
    rev: int = 0

    @property
    def active(self) -> bool:
        return self.status == "active"


@attrs.define
class SavedAccount:
    """A delivered account (``/accounts/{id}``)."""

    id: str
    workspace_id: str
    account_id: str
    bundle_id: str
    platform: str
    country: str
    username: str
    visible_name: str
    biography: str | None
    profile_picture_url: str | None
    link_in_bio: str | None
    created_at: datetime
    updated_at: datetime
    coverage: Coverage
    password: str
    tokmail_email: str
    commenting_profile: dict[str, Any] = attrs.Factory(dict)
    banned: bool = False
    banned_at: datetime | None = None
    access_paid: bool = False
    detached: bool = False
    analytics_refreshed_at: datetime | None = None

    @property
    def profile_url(self) -> str:
        if self.platform == "instagram":
            return f"https://www.instagram.com/{self.username}/"
        return f"https://www.tiktok.com/@{self.username}"


@attrs.define
class Ban:
    id: str
    account_id: str
    bundle_id: str
    username: str
    platform: str
    status: str
    reported_at: datetime
    updated_at: datetime
    decided_at: datetime | None = None
    resolution: dict[str, Any] | None = None
    reason_code: str = "tos_ban"


@attrs.define
class EditRequest:
    id: str
    account_id: str
    status: str
    fields: dict[str, Any]
    created_at: datetime
    completed_at: datetime | None = None
    rev: int = 0


@attrs.define
class WarmingSession:
    id: str
    bundle_id: str | None
    saved_account_id: str | None
    platform: str
    terms_total: int
    terms: list[str]
    status: str
    created_at: datetime
    source: str = "bundle"
    terms_verified: int = 0
    started_at: datetime | None = None
    completed_at: datetime | None = None
    cancelled_at: datetime | None = None
    reports: list[dict[str, Any]] = attrs.Factory(list)
    rev: int = 0

    @property
    def terms_configured(self) -> bool:
        return len(self.terms) == self.terms_total and self.terms_total > 0


@attrs.define
class AdCodeRequest:
    id: str
    video_id: str
    bundle_id: str
    saved_account_id: str | None
    platform: str
    status: str
    note: str | None
    created_at: datetime
    code: str | None = None
    submitted_at: datetime | None = None
    rev: int = 0


@attrs.define
class CommentTask:
    id: str
    saved_account_id: str
    platform: str
    target_type: str
    target_video_url: str
    target_comment_url: str | None
    comment_text: str
    brief_id: str | None
    status: str
    cost: int
    created_at: datetime
    updated_at: datetime
    deadline_at: datetime
    submitted_at: datetime | None = None
    verified_at: datetime | None = None
    manually_confirmed_at: datetime | None = None
    client_dispute_deadline_at: datetime | None = None
    finalized_at: datetime | None = None
    correction_required: bool = False
    dispute_reason: str | None = None
    verifications: list[dict[str, Any]] = attrs.Factory(list)
    rev: int = 0


@attrs.define
class WebhookEndpoint:
    id: str
    url: str
    events: list[str]
    description: str | None
    enabled: bool
    secret: str = attrs.field(repr=False)
    created_at: datetime
    updated_at: datetime


@attrs.define
class WebhookDelivery:
    """One delivery attempt; ``emu.webhook_deliveries`` lists them all."""

    id: str
    workspace_id: str
    endpoint_id: str
    event_id: str
    event_type: str
    url: str
    headers: dict[str, str]
    body: bytes
    attempt: int
    created_at: datetime
    status: str = "pending"
    response_status: int | None = None
    error: str | None = None
    delivered_at: datetime | None = None
    duration_ms: int | None = None

    @property
    def success(self) -> bool | None:
        if self.status == "pending" or self.status == "recorded":
            return None
        return self.status == "succeeded"


@attrs.define
class StoredObject:
    content: bytes
    content_type: str
    created_at: datetime


@attrs.define
class PendingUpload:
    """A presigned upload capability waiting for its PUT."""

    token: str
    workspace_id: str
    path: str
    content_type: str
    expires_at: datetime


@attrs.define
class Report:
    id: str
    token: str
    url: str
    params: dict[str, Any]
    created_at: datetime
    expires_at: datetime


@attrs.define
class Workspace:
    """One TokPortal workspace (owner + team) and everything it owns.

    ``credits``, ``bundles``, ``transactions`` and ``webhook_endpoints`` are the inspectable
    state tests usually look at; mutate them only while no request is in flight.
    """

    id: str
    email: str
    plan: str
    credits: int
    created_at: datetime
    _ids: Ids = attrs.field(repr=False, alias="ids")
    _lock: SharedLock = attrs.field(repr=False, alias="lock")
    keys: dict[str, ApiKey] = attrs.field(factory=dict, repr=False)
    settings: dict[str, Any] = attrs.Factory(dict)
    bundles: dict[str, Bundle] = attrs.Factory(dict)
    transactions: list[Transaction] = attrs.Factory(list)
    saved_accounts: dict[str, SavedAccount] = attrs.Factory(dict)
    bans: dict[str, Ban] = attrs.Factory(dict)
    edit_requests: dict[str, EditRequest] = attrs.Factory(dict)
    warming_sessions: dict[str, WarmingSession] = attrs.Factory(dict)
    ad_codes: dict[str, AdCodeRequest] = attrs.Factory(dict)
    comment_tasks: dict[str, CommentTask] = attrs.Factory(dict)
    webhook_endpoints: dict[str, WebhookEndpoint] = attrs.Factory(dict)
    reports: dict[str, Report] = attrs.Factory(dict)
    video_index: dict[str, tuple[str, int]] = attrs.field(factory=dict, repr=False)
    upload_counter: int = 0

    def create_key(self, scope: str = "*", *, environment: str = "test") -> str:
        """Mint a new API key for this workspace and return it (``scope``: ``*``/``read``/``write``)."""
        if scope not in KEY_SCOPES:
            raise ValueError(f"scope must be one of {KEY_SCOPES}, not {scope!r}")
        with self._lock:
            key = self._ids.api_key()
            self.keys[key] = ApiKey(
                key=key,
                workspace_id=self.id,
                scope=scope,
                id=self._ids.uuid(),
                created_at=self.created_at,
                environment=environment,
            )
            return key

    def find_video(self, video_id: str) -> tuple[Bundle, VideoSlot] | None:
        """The bundle and slot holding a video id, or ``None``."""
        where = self.video_index.get(video_id)
        if where is None:
            return None
        bundle = self.bundles[where[0]]
        slot = bundle.video_at(where[1])
        return (bundle, slot) if slot is not None else None

    def videos_of_account(self, saved_account_id: str) -> Iterator[tuple[Bundle, VideoSlot]]:
        """Every (bundle, slot) of a delivered account."""
        for bundle in self.bundles.values():
            if bundle.saved_account_id == saved_account_id:
                for slot in bundle.videos:
                    yield bundle, slot


@attrs.define(eq=False)
class Timer:
    """A scheduled step of the simulated account manager (see ``simulator.py``).

    ``rev`` is the entity's revision when the timer was set; a timer whose entity has moved on
    since (another call changed its status) is stale and skipped.
    """

    at: datetime
    seq: int
    kind: str
    workspace_id: str
    ref: str
    rev: int

    def __lt__(self, other: Timer) -> bool:
        return (self.at, self.seq) < (other.at, other.seq)


@attrs.define
class World:
    ids: Ids
    lock: SharedLock
    workspaces: dict[str, Workspace] = attrs.Factory(dict)
    storage: dict[str, StoredObject] = attrs.Factory(dict)
    pending_uploads: dict[str, PendingUpload] = attrs.Factory(dict)
    deliveries: list[WebhookDelivery] = attrs.Factory(list)
    timers: list[Timer] = attrs.Factory(list)
    timer_seq: int = 0
    prices: PriceList = attrs.Factory(PriceList)

    def new_workspace(self, *, credits: int, email: str, created_at: datetime) -> Workspace:
        ws = Workspace(
            id=self.ids.uuid(),
            email=email,
            plan="pro",
            credits=credits,
            created_at=created_at,
            ids=self.ids,
            lock=self.lock,
        )
        self.workspaces[ws.id] = ws
        return ws

    def key(self, value: str) -> ApiKey | None:
        for ws in self.workspaces.values():
            found = ws.keys.get(value)
            if found is not None:
                return found
        return None

    def owner_of(self, attribute: str, ident: str) -> Workspace | None:
        """The workspace whose ``attribute`` mapping (e.g. ``"bundles"``) holds ``ident``."""
        for ws in self.workspaces.values():
            if ident in getattr(ws, attribute):
                return ws
        return None
