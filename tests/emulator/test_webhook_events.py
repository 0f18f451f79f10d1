"""Every catalogued webhook event type is emitted, driven by what a user of the emulator has:
API calls, ``emu.advance`` (the simulated account manager) and the emulator's test helpers for
what only TokPortal decides (cancel/archive a bundle, bans, appeals, resolutions, remakes).

Each delivery reaches a real loopback receiver and verifies with
``tokportal.webhooks.construct_event`` under the endpoint's signing secret.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tokportal.errors import WebhookSignatureError
from tokportal.testing import Emulator
from tokportal.webhooks import WebhookEventType, construct_event

from .conftest import configure_account, configure_video, create_bundle, delivered_account
from .test_webhooks import Receiver

# A driver's return value is ignored.
Driver = Callable[[Emulator, httpx.Client, str], object]
CONSENT = {"acknowledge_support_forfeit": True, "policy_version": "managed-credential-reveal-v1"}
TERMS = ["morning routine", "desk setup", "coffee art"]


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code < 300, response.text
    body: dict[str, Any] = response.json() if response.content else {}
    return body


def published(emu: Emulator, c: httpx.Client, **fields: Any) -> str:
    bundle_id = str(create_bundle(c, **fields)["id"])
    configure_account(c, bundle_id)
    configure_video(c, emu, bundle_id)
    ok(c.post(f"/bundles/{bundle_id}/publish"))
    return bundle_id


def in_review(emu: Emulator, c: httpx.Client) -> str:
    bundle_id = published(emu, c)
    emu.advance(hours=25)  # accepted after 1 h, account in review 24 h later
    return bundle_id


def video_in_review(emu: Emulator, c: httpx.Client) -> str:
    bundle_id = published(emu, c)
    emu.advance(days=4)  # the video is posted at noon on its target day (3 days ahead)
    assert ok(c.get(f"/bundles/{bundle_id}/videos/1"))["data"]["status"] == "in_review"
    return bundle_id


def banned(emu: Emulator, c: httpx.Client) -> str:
    _, account = delivered_account(c, emu)
    return str(emu.ban_account(account)["id"])


def warming_bundle(emu: Emulator, c: httpx.Client, *, then_days: float = 0) -> None:
    """A bundle with Advanced Niche Warming, delivered: the session starts at finalization;
    one target is verified every 8 h of business time after that."""
    delivered_account(c, emu, wants_advanced_warming=True, advanced_warming_terms=TERMS)
    emu.advance(days=then_days)


def cancelled_bundle(emu: Emulator, c: httpx.Client) -> str:
    bundle_id = str(create_bundle(c)["id"])
    emu.cancel_bundle(bundle_id)
    refused = c.post(f"/bundles/{bundle_id}/publish")
    assert refused.status_code == 409
    assert refused.json()["error"]["details"]["current_status"] == "cancelled"
    return bundle_id


def reactivated(emu: Emulator, c: httpx.Client) -> None:
    _, account = delivered_account(c, emu)
    ok(c.post(f"/accounts/{account}/managed-subscription/cancel"))
    quote = ok(c.get(f"/accounts/{account}/managed-subscription"))["data"]["reactivation_quote"]
    ok(
        c.post(
            f"/accounts/{account}/managed-subscription/reactivate",
            json={
                "expected_credits": quote["credits"],
                "expected_current_period_end": quote["current_period_end"],
                "expected_lock_version": quote["lock_version"],
            },
        )
    )


def revealed(emu: Emulator, c: httpx.Client) -> None:
    _, account = delivered_account(c, emu)
    ok(c.post(f"/accounts/{account}/reveal-credentials", json=CONSENT))


def lapsed(emu: Emulator, c: httpx.Client) -> None:
    delivered_account(c, emu)
    emu.workspace.credits = 0  # the renewal cannot be paid
    emu.advance(days=31)


def remade(emu: Emulator, c: httpx.Client) -> None:
    _, account = delivered_account(c, emu)
    ban = emu.ban_account(account)
    emu.decide_ban_resolution(ban["id"], "remake")
    bundle = ok(c.get(f"/bundles/{ban['bundle_id']}"))["data"]
    assert bundle["saved_account_id"] not in (None, account)  # a new delivered account
    assert (
        ok(c.get(f"/accounts/{bundle['saved_account_id']}"))["data"]["bundle_id"]
        == (ban["bundle_id"])
    )


# What makes each catalogued event happen; ``hook`` is the subscribed endpoint's id.
DRIVERS: dict[str, Driver] = {
    "webhook.test": lambda emu, c, hook: ok(c.post(f"/webhooks/{hook}/test")),
    "bundle.created": lambda emu, c, hook: create_bundle(c),
    "bundle.published": lambda emu, c, hook: published(emu, c),
    "bundle.cancelled": lambda emu, c, hook: cancelled_bundle(emu, c),
    "bundle.archived": lambda emu, c, hook: emu.archive_bundle(cancelled_bundle(emu, c)),
    "account.configured": lambda emu, c, hook: configure_account(c, create_bundle(c)["id"]),
    "account.published": lambda emu, c, hook: published(emu, c),
    "account.in_review": lambda emu, c, hook: in_review(emu, c),
    "account.pending_corrections": lambda emu, c, hook: ok(
        c.post(
            f"/bundles/{in_review(emu, c)}/account/corrections",
            json={"comment": "Another picture, please"},
        )
    ),
    "account.finalized": lambda emu, c, hook: delivered_account(c, emu),
    "account.remade": lambda emu, c, hook: remade(emu, c),
    "account.banned": lambda emu, c, hook: banned(emu, c),
    "account.ban_appeal.submitted": lambda emu, c, hook: emu.submit_ban_appeal(banned(emu, c)),
    "account.ban_appeal.resolved": lambda emu, c, hook: emu.resolve_ban_appeal(
        emu.submit_ban_appeal(banned(emu, c))["id"], accepted=True
    ),
    "account.ban_resolution.decided": lambda emu, c, hook: emu.decide_ban_resolution(
        banned(emu, c), "no_remake"
    ),
    "video.configured": lambda emu, c, hook: configure_video(c, emu, create_bundle(c)["id"]),
    "video.published": lambda emu, c, hook: published(emu, c),
    "video.in_review": lambda emu, c, hook: video_in_review(emu, c),
    "video.pending_corrections": lambda emu, c, hook: ok(
        c.post(
            f"/bundles/{video_in_review(emu, c)}/videos/1/corrections",
            json={"comment": "Louder music"},
        )
    ),
    "video.finalized": lambda emu, c, hook: ok(
        c.post(f"/bundles/{video_in_review(emu, c)}/videos/1/finalize")
    ),
    "warming.session_started": lambda emu, c, hook: warming_bundle(emu, c),
    "warming.term_verified": lambda emu, c, hook: warming_bundle(emu, c, then_days=0.4),
    "warming.session_completed": lambda emu, c, hook: warming_bundle(emu, c, then_days=2),
    "subscription.renewed": lambda emu, c, hook: (delivered_account(c, emu), emu.advance(days=31)),
    "subscription.lapsed": lambda emu, c, hook: lapsed(emu, c),
    "subscription.cancelled": lambda emu, c, hook: ok(
        c.post(f"/accounts/{delivered_account(c, emu)[1]}/managed-subscription/cancel")
    ),
    "subscription.reactivated": lambda emu, c, hook: reactivated(emu, c),
    "subscription.ended": lambda emu, c, hook: revealed(emu, c),
    "account.revealed": lambda emu, c, hook: revealed(emu, c),
    "video.not_recommended": lambda emu, c, hook: emu.flag_video(
        video_in_review(emu, c), 1, "not_recommended"
    ),
    "video.ai_labeled": lambda emu, c, hook: emu.flag_video(
        video_in_review(emu, c), 1, "ai_labeled"
    ),
    "video.sound_restricted": lambda emu, c, hook: emu.flag_video(
        video_in_review(emu, c), 1, "sound_restricted"
    ),
    "account.distribution_warning": lambda emu, c, hook: emu.warn_distribution(
        delivered_account(c, emu)[1]
    ),
    "credits.restored": lambda emu, c, hook: emu.cancel_bundle(
        str(create_bundle(c)["id"]), refund=True
    ),
}


def catalogued(emu: Emulator) -> list[str]:
    with httpx.Client(
        transport=emu.transport, base_url="http://x/api/ext", headers={"X-API-Key": emu.api_key}
    ) as c:
        return [e["type"] for e in ok(c.get("/webhooks/events"))["data"]["events"]]


def test_the_drivers_cover_the_catalogue_and_the_catalogue_says_emitted() -> None:
    emu = Emulator()
    with httpx.Client(
        transport=emu.transport, base_url="http://x/api/ext", headers={"X-API-Key": emu.api_key}
    ) as c:
        events = ok(c.get("/webhooks/events"))["data"]["events"]
    assert sorted(e["type"] for e in events) == sorted(DRIVERS)
    assert all(e["emitted"] is True for e in events)
    # The catalogue is the SDK's list of event types.
    assert set(DRIVERS) == {m.value for m in WebhookEventType}


@pytest.mark.parametrize("event_type", sorted(DRIVERS))
def test_the_event_is_emitted_signed_and_verifies(
    emu: Emulator, client: httpx.Client, event_type: str
) -> None:
    with Receiver() as receiver:
        # A unique path: every test's emulator has the same seed, hence the same event ids.
        path = f"/hooks/{uuid.uuid4().hex}"
        endpoint = ok(
            client.post(
                "/webhooks",
                json={"url": f"https://127.0.0.1:{receiver.port}{path}", "events": ["*"]},
            )
        )["data"]
        DRIVERS[event_type](emu, client, endpoint["id"])
        assert emu.flush_webhooks(5.0)

    deliveries = [d for d in emu.webhook_deliveries if d.event_type == event_type]
    assert deliveries, f"{event_type} was not emitted"
    assert all(d.status == "succeeded" and d.response_status == 200 for d in deliveries)
    received = [
        (headers, body)
        for headers, body in receiver.received
        if headers["TokPortal-Event-Type"] == event_type
    ]
    assert len(received) == len(deliveries)
    for headers, body in received:
        event = construct_event(body, headers, endpoint["signing_secret"])
        assert event.type == event_type
        assert event.id == headers["TokPortal-Event-Id"]
        assert event.api_version == "2026-05-25"
        assert isinstance(event.data, dict) and event.data
        assert json.loads(body)["type"] == event_type
        with pytest.raises(WebhookSignatureError):
            construct_event(body, headers, "whsec_not_the_secret")
    # The endpoint's delivery log lists them as successes.
    logged = ok(
        client.get(
            f"/webhooks/{endpoint['id']}/deliveries",
            params={"event_type": event_type, "per_page": 100},
        )
    )
    assert logged["pagination"]["total"] == len(deliveries)
