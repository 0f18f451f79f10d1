"""End to end: every one of the 91 operations through its typed method, against the emulator.

Each operation has one small caller in ``CALLERS``; the test resolves the operation's typed
method (``OPERATIONS[op].method_name``) on a client talking to the emulator in-process,
hands it to the caller, which calls it on state built by
``tests.cases.e2e_world.build_world`` and checks the typed result. The test then checks the
wire: the operation reached the emulator and its last answer was a success (a caller
expecting a documented error first, like the consent flow's 428, ends with the successful
call).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import reduce
from typing import Any, TypeVar

import pytest

from tests.cases.e2e_world import PICTURE, VIDEO, World, build_world, new_emulator
from tokportal import (
    OPERATIONS,
    AsyncPaginator,
    AsyncTokPortal,
    ConsentRequiredError,
    NotFoundError,
)
from tokportal.models.videos import VideoSlotConfig

pytestmark = pytest.mark.anyio  # async-only

T = TypeVar("T")
Caller = Callable[[Any, AsyncTokPortal, World], Any]
CALLERS: dict[str, Caller] = {}
POLICY = "managed-credential-reveal-v1"


def caller(operation_id: str) -> Callable[[Caller], Caller]:
    def register(function: Caller) -> Caller:
        assert operation_id not in CALLERS, f"two callers for {operation_id}"
        CALLERS[operation_id] = function
        return function

    return register


def typed_method(client: AsyncTokPortal, method_name: str | None) -> Any:
    assert method_name is not None
    return reduce(getattr, method_name.split("."), client)


async def collect(listing: AsyncPaginator[T]) -> list[T]:
    return [item async for item in listing]


def day_after(w: World, days: int) -> dt.date:
    """A target day far enough ahead; each slot gets its own so no day holds more than 3."""
    return (w.emu.now + dt.timedelta(days=days)).date()


async def new_account_only_bundle(client: AsyncTokPortal, w: World, name: str) -> str:
    created = await client.bundles.create(bundle_type="account_only", country="US")
    assert created.bundle is not None and created.bundle.id is not None
    await client.bundles.account.configure(
        created.bundle.id,
        username=name,
        visible_name=name,
        biography="Made by a test",
        profile_picture_url=w.picture_path,
    )
    return created.bundle.id


async def new_slot(client: AsyncTokPortal, w: World, bundle_id: str) -> int:
    """Buy one more slot on a bundle and configure it; returns its position."""
    bought = await client.bundles.add_video_slots(bundle_id, quantity=1)
    assert bought.bundle is not None and bought.bundle.videos_quantity is not None
    position = bought.bundle.videos_quantity
    await client.bundles.videos.configure(
        bundle_id,
        position,
        video_type="video",
        target_publish_date=day_after(w, 4 + position),
        description=f"Extra video {position}",
        video_url="https://cdn.example.com/extra.mp4",
    )
    return position


# -- me, reference data, credits ---------------------------------------------------------------


@caller("getCurrentUser")
async def _get_current_user(call: Any, client: AsyncTokPortal, w: World) -> None:
    user = await call()
    assert user.email == "developer@example.com"
    assert user.credits == w.emu.workspace.credits


@caller("updateCurrentUserSettings")
async def _update_settings(call: Any, client: AsyncTokPortal, w: World) -> None:
    result = await call({"company_name": "Acme Foods", "niche": "vegan cooking"})
    assert result.data["settings"]["company_name"] == "Acme Foods"
    assert (await client.me.get()).raw["settings"]["niche"] == "vegan cooking"


@caller("listCountries")
async def _list_countries(call: Any, client: AsyncTokPortal, w: World) -> None:
    countries = await call()
    assert "USA" in [c.code for c in countries]
    assert len(countries) == 18 and len(countries.videos_only_countries) == 3


@caller("listPlatforms")
async def _list_platforms(call: Any, client: AsyncTokPortal, w: World) -> None:
    platforms = await call()
    assert {"tiktok", "instagram"} <= {p.id for p in platforms}


@caller("getCreditCosts")
async def _credit_costs(call: Any, client: AsyncTokPortal, w: World) -> None:
    costs = await call()
    assert costs.costs["account_creation"] == 32 and costs.costs["video_upload"] == 2


@caller("getCreditBalance")
async def _credit_balance(call: Any, client: AsyncTokPortal, w: World) -> None:
    balance = await call()
    assert balance.total_credits == w.emu.workspace.credits


@caller("listCreditTransactions")
async def _credit_history(call: Any, client: AsyncTokPortal, w: World) -> None:
    transactions = await collect(call())
    assert len(transactions) == len(w.emu.workspace.transactions)
    assert {t.type for t in transactions} <= {"debit", "credit"}
    assert any(t.amount == 7 and t.type == "debit" for t in transactions)  # the ad code


# -- bundles -----------------------------------------------------------------------------------


@caller("listBundles")
async def _list_bundles(call: Any, client: AsyncTokPortal, w: World) -> None:
    bundles = await collect(call(status="completed"))
    assert w.bundle_id in [b.id for b in bundles]
    assert {b.status for b in bundles} == {"completed"}
    assert w.draft_bundle_id not in [b.id for b in bundles]
    assert len(await collect(call())) == len(w.emu.workspace.bundles)


@caller("createBundle")
async def _create_bundle(call: Any, client: AsyncTokPortal, w: World) -> None:
    before = w.emu.workspace.credits
    result = await call(
        bundle_type="account_and_videos", platform="instagram", country="uk", videos_quantity=2
    )
    assert result.bundle.id in w.emu.workspace.bundles
    assert (result.bundle.status, result.bundle.country) == ("pending_setup", "GBR")
    assert result.credits_charged == 36 == before - w.emu.workspace.credits
    assert result.cost_breakdown.total == 36


@caller("createBundlesBulk")
async def _create_bulk(call: Any, client: AsyncTokPortal, w: World) -> None:
    ref = f"bulk-{len(w.emu.workspace.bundles)}"  # a live external_ref cannot be reused
    result = await call(
        platforms=["tiktok", "instagram"], country="US", accounts_count=2, external_ref=ref
    )
    assert len(result.bundle_ids) == 4
    assert sorted(b.external_ref for b in result.bundles) == [f"{ref}-{n}" for n in (1, 2, 3, 4)]
    assert all(b in w.emu.workspace.bundles for b in result.bundle_ids)
    assert {b.platform for b in result.bundles} == {"tiktok", "instagram"}
    assert result.credits_charged == 4 * 32


@caller("getBundle")
async def _get_bundle(call: Any, client: AsyncTokPortal, w: World) -> None:
    bundle = await call(w.bundle_id)
    assert (bundle.id, bundle.status, bundle.account_status) == (
        w.bundle_id,
        "completed",
        "finalized",
    )
    assert bundle.saved_account_id == w.account_id


@caller("updateBundle")
async def _update_bundle(call: Any, client: AsyncTokPortal, w: World) -> None:
    bundle = await call(w.draft_bundle_id, title="Renamed draft", external_ref="draft-1")
    assert (bundle.id, bundle.title, bundle.external_ref) == (
        w.draft_bundle_id,
        "Renamed draft",
        "draft-1",
    )


@caller("publishBundle")
async def _publish_bundle(call: Any, client: AsyncTokPortal, w: World) -> None:
    bundle_id = await new_account_only_bundle(client, w, "to.publish")
    bundle = await call(bundle_id)
    assert (bundle.id, bundle.status, bundle.is_published) == (bundle_id, "published", True)


@caller("getBundlePublishReadiness")
async def _publish_readiness(call: Any, client: AsyncTokPortal, w: World) -> None:
    readiness = await call(w.draft_bundle_id)
    assert (readiness.ready, readiness.blockers) == (True, [])
    created = await client.bundles.create(bundle_type="account_only", country="US")
    blocked = await call(created.bundle.id)
    assert blocked.ready is False
    assert [b["code"] for b in blocked.blockers] == ["ACCOUNT_MISSING_FIELDS"]


@caller("unpublishBundle")
async def _unpublish_bundle(call: Any, client: AsyncTokPortal, w: World) -> None:
    bundle_id = await new_account_only_bundle(client, w, "to.unpublish")
    await client.bundles.publish(bundle_id)
    bundle = await call(bundle_id)
    assert (bundle.id, bundle.status) == (bundle_id, "pending_setup")


@caller("addVideoSlots")
async def _add_video_slots(call: Any, client: AsyncTokPortal, w: World) -> None:
    before = (await client.bundles.get(w.draft_bundle_id)).videos_quantity
    result = await call(w.draft_bundle_id, quantity=2)
    assert result.bundle.videos_quantity == before + 2
    assert result.credits_charged == 4


@caller("addEditSlots")
async def _add_edit_slots(call: Any, client: AsyncTokPortal, w: World) -> None:
    before = (await client.bundles.get(w.draft_bundle_id)).edits_quantity
    result = await call(w.draft_bundle_id, quantity=1)
    assert result.bundle.edits_quantity == before + 1
    assert result.credits_charged == 3


# -- a bundle's account ------------------------------------------------------------------------


@caller("getBundleAccount")
async def _get_bundle_account(call: Any, client: AsyncTokPortal, w: World) -> None:
    account = await call(w.bundle_id)
    assert (account.status, account.username) == ("finalized", "vegan.daily")
    assert account.saved_account_id == w.account_id
    assert account.advanced_warming.terms_total == 3


@caller("configureBundleAccount")
async def _configure_bundle_account(call: Any, client: AsyncTokPortal, w: World) -> None:
    account = await call(
        w.draft_bundle_id,
        username="draft.two",
        visible_name="Draft Two",
        biography="Reconfigured",
        profile_picture_url=w.picture_path,
    )
    assert (account.status, account.username, account.biography) == (
        "configured",
        "draft.two",
        "Reconfigured",
    )


@caller("requestBundleAccountCorrections")
async def _account_corrections(call: Any, client: AsyncTokPortal, w: World) -> None:
    bundle_id = w.take("account_corrections")
    account = await call(bundle_id, comment="Shorter bio please", fields={"biography": "short"})
    assert account.status == "pending_corrections"


@caller("finalizeBundleAccount")
async def _finalize_account(call: Any, client: AsyncTokPortal, w: World) -> None:
    bundle_id = w.take("finalize_account")
    account = await call(bundle_id)
    assert account.status == "finalized" and account.saved_account_id is not None
    assert (await client.accounts.get(account.saved_account_id)).id == account.saved_account_id


# -- video slots -------------------------------------------------------------------------------


@caller("listBundleVideos")
async def _list_videos(call: Any, client: AsyncTokPortal, w: World) -> None:
    videos = await call(w.bundle_id)
    assert [v.id for v in videos] == w.video_ids
    assert {v.status for v in videos} == {"finalized"}
    assert all(v.post_url for v in videos)


@caller("getBundleVideo")
async def _get_video(call: Any, client: AsyncTokPortal, w: World) -> None:
    video = await call(w.bundle_id, 2)
    assert (video.id, video.position, video.status) == (w.video_ids[1], 2, "finalized")


@caller("configureBundleVideo")
async def _configure_video(call: Any, client: AsyncTokPortal, w: World) -> None:
    result = await call(
        w.draft_bundle_id,
        2,
        video_type="video",
        target_publish_date=day_after(w, 9),
        description="Second draft video",
        video_url="https://cdn.example.com/two.mp4",
    )
    assert (result.video.position, result.video.status) == (2, "configured")
    assert result.video.target_publish_date == day_after(w, 9)


@caller("patchBundleVideo")
async def _patch_video(call: Any, client: AsyncTokPortal, w: World) -> None:
    video = await call(w.draft_bundle_id, 1, name="Opener", description="Better words")
    assert (video.position, video.name, video.description) == (1, "Opener", "Better words")


@caller("batchConfigureBundleVideos")
async def _batch_configure(call: Any, client: AsyncTokPortal, w: World) -> None:
    result = await call(
        w.draft_bundle_id,
        videos=[
            VideoSlotConfig(
                position=5,
                video_type="video",
                target_publish_date=day_after(w, 10),
                description="Batch video",
                video_url="https://cdn.example.com/batch.mp4",
            ),
            {
                "position": 6,
                "video_type": "story",
                "target_publish_date": day_after(w, 10),
                "story_image_url": "https://cdn.example.com/story.jpg",
            },
        ],
    )
    assert [v.position for v in result.configured] == [5, 6]
    assert (result.errors, result.failed_positions) == ([], [])


@caller("importBundleVideosCsv")
async def _import_csv(call: Any, client: AsyncTokPortal, w: World) -> None:
    day = day_after(w, 11).isoformat()
    csv = (
        "position,video_type,description,target_publish_date,video_url\n"
        f"3,video,From the CSV,{day},https://cdn.example.com/csv.mp4\n"
        "\n"
        f"99,video,No such slot,{day},https://cdn.example.com/csv.mp4\n"
    )
    result = await call(w.draft_bundle_id, csv.encode())
    assert (result.imported, result.skipped) == (1, 1)  # the blank line is ignored
    assert [(e.row, e.raw["code"]) for e in result.errors] == [(4, "VIDEO_NOT_FOUND")]
    assert (await client.bundles.videos.get(w.draft_bundle_id, 3)).description == "From the CSV"


@caller("publishAllBundleVideos")
async def _publish_all(call: Any, client: AsyncTokPortal, w: World) -> None:
    await new_slot(client, w, w.published_bundle_id)
    waiting = [
        v.id
        for v in await client.bundles.videos.list(w.published_bundle_id)
        if v.status == "configured"
    ]
    result = await call(w.published_bundle_id)
    assert result.videos_published == len(waiting) >= 1
    assert sorted(result.video_ids) == sorted(waiting)
    videos = await client.bundles.videos.list(w.published_bundle_id)
    assert all(v.status == "published" for v in videos if v.id in waiting)


@caller("publishBundleVideo")
async def _publish_video(call: Any, client: AsyncTokPortal, w: World) -> None:
    position = await new_slot(client, w, w.published_bundle_id)
    video = await call(w.published_bundle_id, position)
    assert (video.position, video.status) == (position, "published")


@caller("resetBundleVideo")
async def _reset_video(call: Any, client: AsyncTokPortal, w: World) -> None:
    await client.bundles.videos.configure(
        w.draft_bundle_id,
        4,
        video_type="video",
        target_publish_date=day_after(w, 12),
        description="Going away",
        video_url="https://cdn.example.com/gone.mp4",
    )
    video = await call(w.draft_bundle_id, 4)
    assert (video.position, video.status, video.description) == (4, "pending", None)


@caller("unscheduleBundleVideo")
async def _unschedule_video(call: Any, client: AsyncTokPortal, w: World) -> None:
    position = await new_slot(client, w, w.published_bundle_id)
    await client.bundles.videos.publish(w.published_bundle_id, position)
    video = await call(w.published_bundle_id, position)
    assert (video.position, video.status) == (position, "configured")


@caller("finalizeBundleVideo")
async def _finalize_video(call: Any, client: AsyncTokPortal, w: World) -> None:
    bundle_id, position = w.take("finalize_video")
    video = await call(bundle_id, position)
    assert (video.position, video.status) == (position, "finalized")


@caller("requestBundleVideoCorrections")
async def _video_corrections(call: Any, client: AsyncTokPortal, w: World) -> None:
    bundle_id, position = w.take("video_corrections")
    video = await call(bundle_id, position, comment="Cut the first second")
    assert (video.position, video.status) == (position, "pending_corrections")


@caller("fixBundleVideoDownload")
async def _fix_download(call: Any, client: AsyncTokPortal, w: World) -> None:
    video = await call(w.draft_bundle_id, 1, video_url="https://cdn.example.com/fixed.mp4")
    assert (video.position, video.video_url) == (1, "https://cdn.example.com/fixed.mp4")


# -- delivered accounts, consent, Coverage -----------------------------------------------------


@caller("listAccounts")
async def _list_accounts(call: Any, client: AsyncTokPortal, w: World) -> None:
    ids = [a.id for a in await collect(call())]
    assert {w.account_id, w.coverage_account_id, w.consent_account_id} <= set(ids)
    banned = await collect(call(banned=True))
    assert [a.id for a in banned] == [w.banned_account_id]


@caller("listAccountBans")
async def _list_bans(call: Any, client: AsyncTokPortal, w: World) -> None:
    bans = await collect(call())
    assert [(b.account_id, b.status) for b in bans] == [(w.banned_account_id, "no_appeal_banned")]
    assert await collect(call(account_id=w.account_id)) == []


@caller("getAccount")
async def _get_account(call: Any, client: AsyncTokPortal, w: World) -> None:
    account = await call(w.account_id)
    assert (account.id, account.username, account.banned) == (w.account_id, "vegan.daily", False)


@caller("updateAccountCommentingProfile")
async def _commenting_profile(call: Any, client: AsyncTokPortal, w: World) -> None:
    result = await call(w.account_id, {"tone": "friendly", "emoji": True})
    assert result.data["id"] == w.account_id
    assert result.data["commenting_profile"]["tone"] == "friendly"


@caller("listAccountBundles")
async def _account_bundles(call: Any, client: AsyncTokPortal, w: World) -> None:
    bundles = await collect(call(w.account_id))
    assert [b.id for b in bundles] == [w.bundle_id]


async def _consent_flow(call: Any, w: World) -> Any:
    """The documented two steps: a 428 carrying the quote, then the accepted call."""
    with pytest.raises(ConsentRequiredError) as consent:
        await call(w.consent_account_id)
    assert consent.value.status_code == 428
    assert consent.value.policy_version == POLICY
    cost = consent.value.expected_credit_cost
    before = w.emu.workspace.credits
    result = await call(
        w.consent_account_id,
        acknowledge_support_forfeit=True,
        policy_version=consent.value.policy_version,
    )
    # One 150-credit charge per account, shared by both calls; later ones quote and cost 0.
    assert cost in (150, 0)
    assert result.credits_charged == cost == before - w.emu.workspace.credits
    return result


@caller("retrieveAccountVerificationCode")
async def _verification_code(call: Any, client: AsyncTokPortal, w: World) -> None:
    result = await _consent_flow(call, w)
    assert result.verification_code.code
    assert result.verification_code.account_id == w.consent_account_id


@caller("revealAccountCredentials")
async def _reveal_credentials(call: Any, client: AsyncTokPortal, w: World) -> None:
    result = await _consent_flow(call, w)
    assert result.credentials.username == "consent"
    assert result.credentials.password
    assert result.credentials.password not in repr(result)


@caller("getAccountEditRequest")
async def _get_edit_request(call: Any, client: AsyncTokPortal, w: World) -> None:
    request = await call(w.account_id)
    assert (request.status, request.requested_username) == ("pending", "vegan.daily2")
    assert await call(w.coverage_account_id) is None  # none yet: data is null


@caller("createAccountEditRequest")
async def _create_edit_request(call: Any, client: AsyncTokPortal, w: World) -> None:
    account_id = w.take("edit_request_account")
    request = await call(
        account_id, requested_username="fresh.name", requested_visible_name="Fresh Name"
    )
    assert (request.status, request.requested_username) == ("pending", "fresh.name")


@caller("getAccountManagedSubscription")
async def _get_coverage(call: Any, client: AsyncTokPortal, w: World) -> None:
    coverage = await call(w.account_id)
    assert coverage.is_active
    assert coverage.reactivation_quote.credits == 0


@caller("cancelAccountManagedSubscription")
async def _cancel_coverage(call: Any, client: AsyncTokPortal, w: World) -> None:
    coverage = await call(w.coverage_account_id)
    assert coverage.status == "cancelled" and not coverage.is_active


@caller("reactivateAccountManagedSubscription")
async def _reactivate_coverage(call: Any, client: AsyncTokPortal, w: World) -> None:
    await client.coverage.cancel(w.coverage_account_id)
    quote = (await client.coverage.get(w.coverage_account_id)).reactivation_quote
    result = await call(w.coverage_account_id, quote=quote)
    assert result.coverage.status == "active"
    assert result.credits_charged == quote.credits == 0  # paused inside a paid period


# -- warming -----------------------------------------------------------------------------------


@caller("configureBundleWarmingTerms")
async def _configure_terms(call: Any, client: AsyncTokPortal, w: World) -> None:
    created = await client.bundles.create(
        bundle_type="account_only",
        country="US",
        wants_advanced_warming=True,
        advanced_warming_terms_count=3,
    )
    result = await call(created.bundle.id, ["home workout", "gym tips", "protein shake"])
    assert result.data["status"] == "pending"
    assert result.data["terms"] == ["home workout", "gym tips", "protein shake"]


@caller("rewarmAccount")
async def _rewarm(call: Any, client: AsyncTokPortal, w: World) -> None:
    account_id = w.take("rewarm_account")
    result = await call(account_id, ["street food", "night markets", "spicy noodles"])
    assert result.credits_charged == 15
    assert (result.session.status, result.session.terms_total) == ("running", 3)


@caller("listAccountWarmingSessions")
async def _list_sessions(call: Any, client: AsyncTokPortal, w: World) -> None:
    sessions = await call(w.account_id)
    assert [s.id for s in sessions] == [w.warming_session_id]


@caller("getWarmingSession")
async def _get_session(call: Any, client: AsyncTokPortal, w: World) -> None:
    session = await call(w.warming_session_id)
    assert (session.id, session.status) == (w.warming_session_id, "completed")
    assert session.terms_total == session.terms_verified == 3


@caller("generateWarmingTerms")
async def _generate_terms(call: Any, client: AsyncTokPortal, w: World) -> None:
    generated = await call(text="Vegan meal prep for students", platform="tiktok", count=6)
    assert len(generated.terms) == 6 == len(set(generated.terms))


# -- webhooks ----------------------------------------------------------------------------------


@caller("listWebhookEvents")
async def _list_events(call: Any, client: AsyncTokPortal, w: World) -> None:
    catalog = await call()
    assert len(catalog.events) == 34
    emitted = {e.type for e in catalog.events if e.emitted}
    assert {"bundle.created", "account.finalized", "webhook.test"} <= emitted


@caller("listWebhookEndpoints")
async def _list_endpoints(call: Any, client: AsyncTokPortal, w: World) -> None:
    endpoints = await collect(call(event="account.finalized"))
    assert w.webhook_id in [e.id for e in endpoints]
    assert all(e.signing_secret is None for e in endpoints)


@caller("createWebhookEndpoint")
async def _create_endpoint(call: Any, client: AsyncTokPortal, w: World) -> None:
    endpoint = await call(url="https://hooks.example.com/other", events=["account.banned"])
    assert endpoint.id in w.emu.workspace.webhook_endpoints
    assert endpoint.events == ["account.banned"]
    assert endpoint.signing_secret.startswith("whsec_")


@caller("getWebhookEndpoint")
async def _get_endpoint(call: Any, client: AsyncTokPortal, w: World) -> None:
    endpoint = await call(w.webhook_id)
    assert (endpoint.id, endpoint.url) == (w.webhook_id, "https://hooks.example.com/tokportal")
    assert endpoint.signing_secret is None


@caller("updateWebhookEndpoint")
async def _update_endpoint(call: Any, client: AsyncTokPortal, w: World) -> None:
    endpoint = await call(w.webhook_id, description="renamed")
    assert (endpoint.id, endpoint.description, endpoint.enabled) == (w.webhook_id, "renamed", True)


@caller("deleteWebhookEndpoint")
async def _delete_endpoint(call: Any, client: AsyncTokPortal, w: World) -> None:
    endpoint = await client.webhooks.create(url="https://hooks.example.com/gone", events=["*"])
    assert await call(endpoint.id) is None
    assert endpoint.id not in w.emu.workspace.webhook_endpoints
    with pytest.raises(NotFoundError):
        await client.webhooks.get(endpoint.id)


@caller("listWebhookDeliveries")
async def _list_deliveries(call: Any, client: AsyncTokPortal, w: World) -> None:
    deliveries = await collect(call(w.webhook_id, event_type="account.finalized"))
    assert len(deliveries) >= 6
    assert {d.event_type for d in deliveries} == {"account.finalized"}


@caller("retryWebhookDelivery")
async def _retry_delivery(call: Any, client: AsyncTokPortal, w: World) -> None:
    delivery = await call(w.webhook_id, w.delivery_id)
    assert delivery.id not in (None, w.delivery_id)
    assert delivery.raw["retry_of"] == w.delivery_id


@caller("testWebhookEndpoint")
async def _test_endpoint(call: Any, client: AsyncTokPortal, w: World) -> None:
    delivery = await call(w.webhook_id)
    assert delivery.event_type == "webhook.test"
    sent = [d for d in w.emu.webhook_deliveries if d.event_id == delivery.event_id]
    assert [d.url for d in sent] == ["https://hooks.example.com/tokportal"]


# -- uploads -----------------------------------------------------------------------------------


@caller("uploadVideo")
async def _presign_video(call: Any, client: AsyncTokPortal, w: World) -> None:
    presigned = await call(filename="clip.mp4", bundle_id=w.draft_bundle_id)
    assert "/_emulator/storage/" in presigned.upload_url
    assert presigned.upload_url not in repr(presigned)


@caller("uploadVideoDirect")
async def _upload_video(call: Any, client: AsyncTokPortal, w: World) -> None:
    upload = await call(VIDEO, bundle_id=w.draft_bundle_id, filename="clip.mp4")
    assert (upload.filename, upload.size_bytes) == ("clip.mp4", len(VIDEO))
    assert upload.content_type == "video/mp4" and upload.public_url


@caller("uploadImage")
async def _presign_image(call: Any, client: AsyncTokPortal, w: World) -> None:
    presigned = await call(
        filename="cover.png", content_type="image/png", bundle_id=w.draft_bundle_id
    )
    assert "/_emulator/storage/" in presigned.upload_url
    assert presigned.storage_path


@caller("uploadImageDirect")
async def _upload_image(call: Any, client: AsyncTokPortal, w: World) -> None:
    upload = await call(
        PICTURE, bundle_id=w.draft_bundle_id, purpose="profile_picture", filename="me.jpg"
    )
    assert (upload.size_bytes, upload.content_type) == (len(PICTURE), "image/jpeg")
    assert upload.storage_path and upload.raw["purpose"] == "profile_picture"


@caller("uploadImageFromUrl")
async def _image_from_url(call: Any, client: AsyncTokPortal, w: World) -> None:
    upload = await call(url="https://images.example.com/a.jpg", bundle_id=w.draft_bundle_id)
    assert upload.size_bytes == 0 and upload.raw["source_url"] == "https://images.example.com/a.jpg"


# -- analytics ---------------------------------------------------------------------------------


@caller("getAnalyticsDashboard")
async def _dashboard(call: Any, client: AsyncTokPortal, w: World) -> None:
    dashboard = await call(account=w.account_id)
    assert dashboard.totals["views"] > 0
    assert [a["account_id"] for a in dashboard.accounts] == [w.account_id]


@caller("getAnalyticsContract")
async def _contract(call: Any, client: AsyncTokPortal, w: World) -> None:
    contract = await call()
    assert contract.raw  # the tier and what it may read


@caller("exportAnalyticsVideos")
async def _export_csv(call: Any, client: AsyncTokPortal, w: World) -> None:
    csv = await call(account=w.account_id)
    lines = csv.strip().splitlines()
    assert len(lines) == 1 + len(w.video_ids)  # a header, one row per posted video
    assert all(video_id in csv for video_id in w.video_ids)


@caller("createAnalyticsReport")
async def _create_report(call: Any, client: AsyncTokPortal, w: World) -> None:
    report = await call(template="agency", brand_name="Acme", account_ids=[w.account_id])
    assert report.url.startswith("http") and report.token
    assert report.token not in repr(report)


@caller("exportAnalyticsReportHtml")
async def _report_html(call: Any, client: AsyncTokPortal, w: World) -> None:
    html = await call(title="June", template="minimal", account_ids=[w.account_id])
    assert "<html" in html.lower() and "June" in html


@caller("getAnalyticsSeries")
async def _series(call: Any, client: AsyncTokPortal, w: World) -> None:
    series = await call(metric="views", granularity="day", mode="gained", account=w.account_id)
    assert series.points and sum(p.value for p in series.points) > 0


@caller("getAnalyticsAccount")
async def _analytics_account(call: Any, client: AsyncTokPortal, w: World) -> None:
    account = await call(w.account_id)
    assert (account.username, account.platform) == ("vegan.daily", "tiktok")
    assert account.views == account.raw["total_views"] > 0
    assert len(account.raw["posts"]) == len(w.video_ids)


@caller("refreshAnalyticsAccount")
async def _refresh_analytics_account(call: Any, client: AsyncTokPortal, w: World) -> None:
    refresh = await call(w.account_id, force=True, include_posts=True)
    assert refresh.raw["refreshed"] is True and refresh.raw["account_id"] == w.account_id


@caller("listAnalyticsAccountRawSnapshots")
async def _account_snapshots(call: Any, client: AsyncTokPortal, w: World) -> None:
    snapshots = await call(w.account_id, limit=2)
    assert len(snapshots) == 2 and all(s.id for s in snapshots)


@caller("getAccountAnalytics")
async def _account_overview(call: Any, client: AsyncTokPortal, w: World) -> None:
    overview = await call(w.account_id)
    drilldown = await client.analytics.get_account(w.account_id)
    assert overview.views == drilldown.views == overview.raw["total_views"] > 0
    assert overview.followers == drilldown.followers


@caller("listAccountVideoAnalytics")
async def _account_videos(call: Any, client: AsyncTokPortal, w: World) -> None:
    videos = await collect(call(w.account_id, sort_by="views", sort_order="desc"))
    assert sorted(v.video_id for v in videos) == sorted(w.video_ids)
    assert [v.views for v in videos] == sorted((v.views for v in videos), reverse=True)


@caller("canRefreshAccountAnalytics")
async def _can_refresh(call: Any, client: AsyncTokPortal, w: World) -> None:
    availability = await call(w.account_id)
    assert isinstance(availability.can_refresh, bool)


@caller("refreshAccountAnalytics")
async def _refresh_overview(call: Any, client: AsyncTokPortal, w: World) -> None:
    refresh = await call(w.account_id)
    assert isinstance(refresh.raw["refreshed"], bool)  # false inside the cooldown, not an error


@caller("getVideoAnalytics")
async def _video_analytics(call: Any, client: AsyncTokPortal, w: World) -> None:
    video = await call(w.video_ids[0])
    assert video.video_id == w.video_ids[0] and video.views > 0


@caller("getCommentPulse")
async def _comment_pulse(call: Any, client: AsyncTokPortal, w: World) -> None:
    pulse = await call(account=w.account_id, limit=5)
    assert pulse.raw["summary"]["posts"] == len(w.video_ids)


@caller("listAnalyticsAccountComments")
async def _account_comments(call: Any, client: AsyncTokPortal, w: World) -> None:
    comments = await call(w.account_id, limit=3)
    assert len(comments) == 3 and all(c.text for c in comments)


@caller("listAnalyticsPostRawSnapshots")
async def _post_snapshots(call: Any, client: AsyncTokPortal, w: World) -> None:
    snapshots = await call(w.video_ids[0], limit=1)
    assert [s.raw["post_id"] for s in snapshots] == [w.video_ids[0]]


# -- ad codes ----------------------------------------------------------------------------------


@caller("createVideoAdCodeRequest")
async def _create_ad_code(call: Any, client: AsyncTokPortal, w: World) -> None:
    video_id = w.take("ad_code_video")
    result = await call(video_id, note="summer campaign")
    assert result.credits_charged == 7
    assert (result.request.video_id, result.request.status) == (video_id, "pending")


@caller("getVideoAdCodeRequest")
async def _get_ad_code(call: Any, client: AsyncTokPortal, w: World) -> None:
    request = await call(w.video_ids[0])
    assert (request.video_id, request.status, request.code) == (w.video_ids[0], "pending", None)


# -- comment tasks -----------------------------------------------------------------------------


@caller("listCommentTasks")
async def _list_tasks(call: Any, client: AsyncTokPortal, w: World) -> None:
    tasks = await collect(call(status=["manually_confirmed", "finalized"]))
    assert tasks and {t.status for t in tasks} <= {"manually_confirmed", "finalized"}
    assert all(t.saved_account_id == w.account_id for t in tasks)


@caller("createCommentTasks")
async def _create_tasks(call: Any, client: AsyncTokPortal, w: World) -> None:
    result = await call(
        saved_account_id=w.account_id,
        target_video_url="https://www.tiktok.com/@chef/video/7300000000000009999",
        comment_text="Saving this one!",
        platform="tiktok",
    )
    assert (result.created_count, result.rejected_count, result.credits_charged) == (1, 0, 1)
    assert result.data.created[0].status == "pending"


@caller("getCommentTask")
async def _get_task(call: Any, client: AsyncTokPortal, w: World) -> None:
    task = await call(w.comment_task_id)
    assert (task.id, task.saved_account_id) == (w.comment_task_id, w.account_id)
    assert task.execution_blocked is False


@caller("deleteCommentTask")
async def _delete_task(call: Any, client: AsyncTokPortal, w: World) -> None:
    created = await client.comments.create(
        saved_account_id=w.account_id,
        target_video_url="https://www.tiktok.com/@chef/video/7300000000000008888",
        comment_text="Changed my mind",
    )
    task_id = created.data.created[0].id
    before = w.emu.workspace.credits
    task = await call(task_id)
    assert (task.id, task.status) == (task_id, "cancelled")
    assert w.emu.workspace.credits == before + 1  # refunded


@caller("approveCommentTask")
async def _approve_task(call: Any, client: AsyncTokPortal, w: World) -> None:
    task = await call(w.take("approve_task"))
    assert task.status == "finalized" and task.finalized_at is not None


@caller("disputeCommentTask")
async def _dispute_task(call: Any, client: AsyncTokPortal, w: World) -> None:
    task = await call(w.take("dispute_task"), reason="Not under the right video")
    assert (task.status, task.correction_required) == ("pending_corrections", True)


@caller("listCommentTaskVerifications")
async def _task_verifications(call: Any, client: AsyncTokPortal, w: World) -> None:
    verifications = await call(w.comment_task_id)
    assert verifications and all(v.id for v in verifications)
    assert verifications[-1].similarity >= 0.95  # the scrape that matched the comment


# -- typed fields read what the emulator sends ---------------------------------------------
# The API documents none of these shapes; the SDK models read the spellings the emulator uses
# as well as the ones TokPortal's own material shows.

GAPS: dict[str, Callable[[AsyncTokPortal, World], Any]] = {}


def gap(name: str) -> Callable[[Callable[[AsyncTokPortal, World], Any]], Any]:
    def register(function: Callable[[AsyncTokPortal, World], Any]) -> Any:
        GAPS[name] = function
        return function

    return register


@gap("AnalyticsAccount.id")
async def _gap_analytics_account(client: AsyncTokPortal, w: World) -> None:
    """The emulator sends ``account_id``."""
    account = await client.analytics.get_account(w.account_id)
    assert account.raw["account_id"] == w.account_id
    assert account.id == w.account_id


@gap("WarmingSession.terms")
async def _gap_warming_session(client: AsyncTokPortal, w: World) -> None:
    """The emulator sends ``saved_account_id``, ``terms`` as strings and ``reports``."""
    session = await client.warming.get_session(w.warming_session_id)
    assert session.raw["saved_account_id"] == w.account_id and session.raw["reports"]
    assert session.account_id == w.account_id
    assert session.terms and session.terms[0].term == "vegan meal prep"


@gap("CommentVerification.status")
async def _gap_comment_verification(client: AsyncTokPortal, w: World) -> None:
    """The emulator sends ``type``, ``result`` and ``checked_at``."""
    verifications = await client.comments.list_verifications(w.comment_task_id)
    assert verifications[-1].raw["result"] and verifications[-1].raw["checked_at"]
    assert verifications[-1].status == verifications[-1].raw["result"]
    assert verifications[-1].created_at is not None


@gap("CommentPulse.comments")
async def _gap_comment_pulse(client: AsyncTokPortal, w: World) -> None:
    """The emulator sends ``summary`` and ``posts[].top_comments``."""
    pulse = await client.analytics.comment_pulse(account=w.account_id)
    assert pulse.raw["posts"][0]["top_comments"]
    assert pulse.posts and pulse.posts[0]["top_comments"]
    assert pulse.summary is not None


# -- the tests ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with new_emulator() as emu:
        yield build_world(emu)


def test_every_operation_has_a_caller() -> None:
    assert sorted(CALLERS) == sorted(OPERATIONS)
    assert len(CALLERS) == 91


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
async def test_operation_through_its_typed_method(operation_id: str, world: World) -> None:
    operation = OPERATIONS[operation_id]
    emu = world.emu
    async with AsyncTokPortal(
        api_key=emu.api_key, transport=emu.transport, rate_limit=None
    ) as client:
        method = typed_method(client, operation.method_name)
        calls: list[tuple[Any, ...]] = []

        def call(*args: Any, **kwargs: Any) -> Any:
            calls.append(args)
            return method(*args, **kwargs)  # a coroutine, or a paginator for listings

        already = len(emu.requests)
        await CALLERS[operation_id](call, client, world)
    assert calls, f"the caller of {operation_id} never used its typed method"
    sent = [r for r in emu.requests[already:] if r.operation_id == operation_id]
    assert sent, f"{operation_id} never reached the emulator"
    assert sent[-1].status is not None and 200 <= sent[-1].status < 300, sent[-1]
    assert sent[-1].method == operation.method


@pytest.mark.parametrize("name", sorted(GAPS))
async def test_typed_fields_read_what_the_emulator_sends(name: str, world: World) -> None:
    emu = world.emu
    async with AsyncTokPortal(
        api_key=emu.api_key, transport=emu.transport, rate_limit=None
    ) as client:
        await GAPS[name](client, world)
