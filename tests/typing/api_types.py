"""Checked by ``mypy --strict`` (never run): what the public API gives back, on both clients."""

from __future__ import annotations

from typing import Any

from typing_extensions import assert_type

from tokportal import (
    APIResponse,
    AsyncPaginator,
    AsyncTokPortal,
    AttemptEvent,
    Page,
    Paginator,
    RawResponse,
    TokPortal,
)
from tokportal.models import (
    Bundle,
    BundleResult,
    BundleStatus,
    CreditBalance,
    ModelList,
    TextResult,
    User,
    Video,
    VideoUpload,
    WebhookEndpoint,
)


async def async_client(client: AsyncTokPortal) -> None:
    assert_type(await client.me.get(), User)
    assert_type(await client.credits.balance(), CreditBalance)
    assert_type(client.bundles.list(status=BundleStatus.PUBLISHED), AsyncPaginator[Bundle])
    assert_type(await client.bundles.list().first_page(), Page[Bundle])
    assert_type(await client.bundles.list(), Page[Bundle])
    async for bundle in client.bundles.list():
        assert_type(bundle, Bundle)
    created = await client.bundles.create(bundle_type="account_only", country="USA")
    assert_type(created, BundleResult)
    assert_type(created.credits_charged, int)
    assert_type(await client.bundles.videos.list("b"), ModelList[Video])
    assert_type(await client.uploads.video(b"...", bundle_id="b"), VideoUpload)
    assert_type(await client.webhooks.create(url="https://x.test", events=["a"]), WebhookEndpoint)
    assert_type(await client.analytics.export_videos_csv(), TextResult)
    assert_type(await client.request("getBundle", path_params={"id": "b"}), APIResponse)
    assert_type(client.paginate("listBundles"), AsyncPaginator[Any])
    assert_type(
        client.paginate("listBundles", extra_headers={"X-Trace": "t"}, timeout=5.0, max_retries=0),
        AsyncPaginator[Any],
    )


async def observability(client: AsyncTokPortal, blocking: TokPortal) -> None:
    async def async_hook(event: AttemptEvent) -> None:
        assert_type(event.request_id, str)
        assert_type(event.status_code, int | None)

    def hook(event: AttemptEvent) -> None:
        assert_type(event.duration, float)

    hooked = AsyncTokPortal(hooks=[hook, async_hook], default_headers={"X-Tenant": "a"})
    tenant = hooked.with_options(api_key="sk_other", base_url="https://x.test", default_headers={})
    assert_type(tenant, AsyncTokPortal)
    raw = await client.with_raw_response.me.get()
    assert_type(raw, RawResponse[User])
    assert_type(raw.status_code, int)
    assert_type(raw.request_id, str | None)
    assert_type(blocking.with_raw_response.me.get(), RawResponse[User])
    assert_type(TokPortal(hooks=[hook]).with_options(api_key="sk_other"), TokPortal)


def sync_client(client: TokPortal) -> None:
    assert_type(client.me.get(), User)
    assert_type(client.bundles.list(), Paginator[Bundle])
    assert_type(client.bundles.list().first_page(), Page[Bundle])
    for bundle in client.bundles.list():
        assert_type(bundle, Bundle)
    assert_type(
        client.bundles.create(bundle_type="videos_only", account_id="a", videos_quantity=1),
        BundleResult,
    )
    assert_type(client.bundles.get("b").status, BundleStatus | str)
    assert_type(client.uploads.video(b"...", bundle_id="b"), VideoUpload)
    assert_type(client.request("getCurrentUser"), APIResponse)
