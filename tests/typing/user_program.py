"""A program as a user writes it, type-checked only (``mypy --strict``), never run.

It imports only public modules and reads results without ``assert x is not None``: fields the
API documents as always present are not Optional, and neither is ``api_response``. CI also
checks it against the installed wheel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from typing_extensions import assert_type

from tokportal import (
    APIResponse,
    APIResponseValidationError,
    AsyncPaginator,
    AsyncTokPortal,
    AttemptEvent,
    Page,
    Paginator,
    RateLimitInfo,
    RawResponse,
    TokPortal,
)
from tokportal.models import (
    Bundle,
    BundleResult,
    BundleStatus,
    CommentTask,
    CommentTaskCreation,
    CostBreakdown,
    CreditBalance,
    ModelList,
    Platform,
    TextResult,
    User,
    Video,
    WebhookEndpoint,
)
from tokportal.webhooks import WebhookEvent, WebhookEventType, construct_event


async def async_program(client: AsyncTokPortal, payload: bytes, headers: Mapping[str, str]) -> None:
    result = await client.bundles.create(
        bundle_type="account_and_videos", country="USA", videos_quantity=3
    )
    assert_type(result, BundleResult)
    assert_type(result.credits_charged, int)
    assert_type(result.credits_remaining, int)
    assert_type(result.cost_breakdown, CostBreakdown)
    assert_type(result.cost_breakdown.total, int)
    assert_type(result.credits_would_charge, int | None)  # only on a dry run
    assert_type(result.api_response, APIResponse)
    assert_type(result.api_response.idempotency_key, str | None)

    bundle = result.bundle
    assert_type(bundle, Bundle)
    assert_type(bundle.id, str)
    assert_type(bundle.status, BundleStatus | str)
    assert_type(bundle.title, str | None)  # undocumented as always there: stays Optional
    assert_type(bundle.api_response, APIResponse)
    assert_type(bundle.api_response.request_id, str | None)
    assert_type(bundle.api_response.rate_limit, RateLimitInfo | None)
    if bundle.status == BundleStatus.PENDING_SETUP:
        print(f"bundle {bundle.id} needs its account configured")

    fetched = await client.bundles.get(bundle.id)
    assert_type(fetched, Bundle)
    print(fetched.api_response.request_id)  # the README's line, no None check needed

    listing = client.bundles.list(status=BundleStatus.PUBLISHED)
    assert_type(listing, AsyncPaginator[Bundle])
    page = await listing.first_page()
    assert_type(page, Page[Bundle])
    assert_type(page.api_response, APIResponse)
    async for item in client.bundles.list():
        assert_type(item, Bundle)
        assert_type(item.id, str)
        assert_type(item.api_response, APIResponse)

    me = await client.me.get()
    assert_type(me, User)
    assert_type(me.email, str)
    assert_type(me.credits, int)
    balance = await client.credits.balance()
    assert_type(balance, CreditBalance)
    assert_type(balance.total_credits, int)

    videos = await client.bundles.videos.list(bundle.id)
    assert_type(videos, ModelList[Video])
    assert_type(videos.api_response, APIResponse)
    for video in videos:
        assert_type(video.position, int)

    created = await client.comments.create(
        saved_account_id="sa1", target_video_url="https://x.test/v/1", comment_text="Nice"
    )
    assert_type(created, CommentTaskCreation)
    assert_type(created.credits_charged, int)
    assert_type(created.created, list[CommentTask])

    csv = await client.analytics.export_videos_csv()
    assert_type(csv, TextResult)
    assert_type(csv.api_response, APIResponse)

    endpoint = await client.webhooks.create(
        url="https://hooks.test/tp", events=["bundle.published"]
    )
    assert_type(endpoint, WebhookEndpoint)
    assert_type(endpoint.id, str)
    assert_type(endpoint.signing_secret, str | None)

    event = construct_event(payload, headers, "whsec_test")
    assert_type(event, WebhookEvent)
    assert_type(event.id, str)
    assert_type(event.type, WebhookEventType | str)
    assert_type(event.created_at, dt.datetime | None)

    try:
        await client.bundles.get("b1")
    except APIResponseValidationError as exc:
        assert_type(exc.field, str | None)
        assert_type(exc.operation_id, str | None)
        assert_type(exc.request_id, str | None)
        assert_type(exc.status_code, int)


def sync_program(client: TokPortal, payload: bytes, headers: Mapping[str, str]) -> None:
    result = client.bundles.create(
        bundle_type="account_only", country="USA", platform=Platform.TIKTOK
    )
    assert_type(result, BundleResult)
    assert_type(result.credits_charged, int)
    bundle = result.bundle
    assert_type(bundle, Bundle)
    assert_type(bundle.id, str)
    assert_type(bundle.status, BundleStatus | str)
    assert_type(bundle.api_response, APIResponse)
    assert_type(bundle.api_response.request_id, str | None)

    listing = client.bundles.list()
    assert_type(listing, Paginator[Bundle])
    for item in listing:
        assert_type(item, Bundle)
        assert_type(item.status, BundleStatus | str)
    assert_type(client.bundles.list().first_page(), Page[Bundle])

    me = client.me.get()
    assert_type(me.email, str)
    assert_type(me.api_response, APIResponse)

    assert_type(client.analytics.export_videos_csv().api_response, APIResponse)

    event = construct_event(payload, headers, "whsec_test")
    assert_type(event, WebhookEvent)
    if event.type == WebhookEventType.BUNDLE_PUBLISHED:
        bundle_id = event.data["bundle_id"]
        assert_type(client.bundles.get(bundle_id).id, str)


def observe(event: AttemptEvent) -> None:
    if event.retry_reason is not None:
        print(event.operation_id, event.attempt, event.status_code, event.request_id)


def tenants(client: TokPortal) -> None:
    watched = TokPortal(hooks=[observe], default_headers={"X-Tenant": "a"})
    other = watched.with_options(api_key="sk_tenant_b", default_headers={"X-Tenant": "b"})
    raw = other.with_raw_response.bundles.get("b1")
    assert_type(raw, RawResponse[Bundle])
    assert_type(raw.status_code, int)
    assert_type(raw.request_id, str | None)
    bundle: Bundle = raw.parse()
    assert_type(bundle.id, str)
