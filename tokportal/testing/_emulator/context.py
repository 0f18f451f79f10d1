"""What a handler gets: the caller's workspace, the parsed request, and the few effects a
handler may have (charge, emit an event, schedule a simulated step, use capacity)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from ..._operations import Operation
from . import credits, lifecycle
from .http import ApiError, Body, FormPart, Query, not_found, validation
from .ids import Ids
from .pricing import add_breakdowns
from .ratelimit import CapacityGate
from .simulator import Scheduling
from .state import (
    ApiKey,
    Bundle,
    SavedAccount,
    VideoSlot,
    WebhookDelivery,
    WebhookEndpoint,
    Workspace,
    World,
)
from .webhooks import Dispatcher


@attrs.define
class Ctx(Scheduling):
    world: World
    workspace: Workspace
    key: ApiKey
    operation: Operation
    params: Mapping[str, str]
    query: Query
    body: Body
    form: dict[str, FormPart] | None
    now: datetime
    dry_run: bool
    origin: str  # scheme://host the caller used, for URLs the emulator serves itself
    capacity: CapacityGate
    dispatcher: Dispatcher | None = None  # None in a dry run: nothing is ever sent
    events: list[tuple[str, Any]] = attrs.Factory(list)
    charged: int = 0
    breakdown: dict[str, int] = attrs.Factory(dict)
    capacity_used: int = 0

    @property
    def ids(self) -> Ids:
        return self.world.ids

    # -- effects ----------------------------------------------------------------------------

    def emit(self, event_type: str, data: Any) -> None:
        """Queue a webhook event; it is only published if the request commits (not a dry run)."""
        self.events.append((event_type, data))

    def deliver(
        self, endpoint: WebhookEndpoint, event_type: str, data: Any
    ) -> WebhookDelivery | None:
        """Send one event to one endpoint now (``webhook.test``), whatever it subscribes to."""
        if self.dispatcher is None:
            return None
        found = self.dispatcher.publish(
            self.world, self.workspace.id, event_type, data, self.now, only=endpoint
        )
        return found[0]

    def redeliver(
        self, endpoint: WebhookEndpoint, delivery: WebhookDelivery
    ) -> WebhookDelivery | None:
        if self.dispatcher is None:
            return None
        return self.dispatcher.retry(self.world, delivery, endpoint)

    def charge(
        self,
        parts: dict[str, int],
        *,
        description: str,
        reference_type: str | None = None,
        reference_id: str | None = None,
    ) -> dict[str, int]:
        breakdown = credits.debit(
            self.workspace,
            self.world.ids,
            parts,
            now=self.now,
            description=description,
            reference_type=reference_type,
            reference_id=reference_id,
        )
        self.charged += breakdown["total"]
        self.breakdown = add_breakdowns(self.breakdown, breakdown)
        return breakdown

    def restore(self, amount: int, *, description: str, reference_id: str | None = None) -> None:
        lifecycle.restore_credits(
            self,
            amount,
            description=description,
            reference_type=self.operation.operation_id,
            reference_id=reference_id,
        )

    def use_capacity(self, count: int) -> None:
        """Refuse with 429 ``capacity_cooldown`` unless ``count`` bundle operations fit now."""
        wait = self.capacity.retry_after(self.workspace.id, self.capacity_used + count)
        if wait is not None:
            seconds = max(1, int(-(-wait // 1)))
            raise ApiError(
                429,
                "capacity_cooldown",
                "Workspace bundle capacity is cooling down; retry later without splitting the batch.",
                {"retry_after_seconds": seconds},
                headers={"Retry-After": str(seconds)},
            )
        self.capacity_used += count

    def credit_siblings(self) -> dict[str, Any]:
        return {
            "credits_charged": self.charged,
            "credits_remaining": self.workspace.credits,
            "cost_breakdown": self.breakdown or {"total": 0},
        }

    # -- lookups that answer the documented 404/403 ------------------------------------------

    def param(self, name: str) -> str:
        return self.params[name]

    def bundle(self, bundle_id: str | None = None) -> Bundle:
        ident = bundle_id if bundle_id is not None else self.params["id"]
        found = self.workspace.bundles.get(ident)
        if found is not None:
            return found
        if self.world.owner_of("bundles", ident) is not None:
            raise ApiError(
                403, "BUNDLE_NOT_OWNED", "This bundle belongs to another account.", {"id": ident}
            )
        raise not_found("BUNDLE_NOT_FOUND", "Bundle", ident)

    def position(self) -> int:
        raw = self.params["position"]
        if not raw.isdigit() or int(raw) < 1:
            raise validation(
                "position", "must be a positive integer (1-based slot index)", value=raw
            )
        return int(raw)

    def video(self) -> tuple[Bundle, VideoSlot]:
        bundle = self.bundle()
        position = self.position()
        slot = bundle.video_at(position)
        if slot is None:
            raise ApiError(
                404,
                "VIDEO_NOT_FOUND",
                f"Bundle has no video slot at position {position}.",
                {
                    "bundle_id": bundle.id,
                    "position": position,
                    "videos_quantity": bundle.videos_quantity,
                },
            )
        return bundle, slot

    def video_by_id(self, video_id: str | None = None) -> tuple[Bundle, VideoSlot]:
        ident = video_id if video_id is not None else self.params["id"]
        found = self.workspace.find_video(ident)
        if found is None:
            raise not_found("VIDEO_NOT_FOUND", "Video", ident)
        return found

    def saved_account(
        self, account_id: str | None = None, *, field: str | None = None
    ) -> SavedAccount:
        ident = account_id if account_id is not None else self.params["id"]
        found = self.workspace.saved_accounts.get(ident)
        if found is not None:
            return found
        details = {"id": ident, **({"field": field} if field else {})}
        if self.world.owner_of("saved_accounts", ident) is not None:
            raise ApiError(
                403, "SAVED_ACCOUNT_NOT_OWNED", "This account belongs to someone else.", details
            )
        raise ApiError(
            404, "SAVED_ACCOUNT_NOT_FOUND", f"Delivered account {ident!r} was not found.", details
        )
