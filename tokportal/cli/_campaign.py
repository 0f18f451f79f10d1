"""The demo campaign, written once for both clients (see ``_flow``): every API call is
``yield``-ed, so ``x = yield client.y.z(...)`` reads like ``x = await client.y.z(...)``.

One TikTok account in the US with three scheduled videos, from the price quote to the
analytics of the posted videos, with the account manager simulated by the emulator.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

import attrs

from .._async.client import AsyncTokPortal
from .._sync.client import TokPortal
from ..errors import InsufficientCreditsError
from ..models._base import ModelList
from ..models._enums import AccountStatus, BundleStatus, VideoStatus
from ..models.analytics import AnalyticsAccount, AnalyticsDashboard
from ..models.bundle_account import BundleAccountDetails
from ..models.bundles import Bundle, BundleResult, PublishReadiness
from ..models.credits import CreditBalance, CreditCosts
from ..models.me import User
from ..models.uploads import ImageUpload, VideoUpload
from ..models.videos import BatchConfigureResult, Video, VideoSlotConfig
from ..models.webhooks import WebhookEndpoint
from ..testing import Emulator
from ._display import Display, human_size
from ._flow import Blocking, Flow
from ._media import Media
from ._receiver import WebhookReceiver

VIDEOS = 3
STEP_HOURS = 12
MAX_STEPS = 20  # 10 simulated days: the last video posts on day 5
ANALYTICS_DAYS = 7  # let the posts gather views before reading the numbers
METRICS = ("views", "likes", "comments", "shares", "saves", "followers", "posts")


class DemoError(Exception):
    """The campaign saw something it did not expect; the message says what."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise DemoError(message)


@attrs.define
class Context:
    client: AsyncTokPortal | TokPortal
    emulator: Emulator
    receiver: WebhookReceiver
    media: Media
    display: Display
    seed: int


@attrs.frozen
class Refusal:
    """An order the API refused for want of credits (what ``--credits 20`` shows)."""

    code: str | None
    status: int
    required: Any
    available: Any
    missing: Any
    request_id: str | None


@attrs.define
class Report:
    """What the summary prints; filled in as the campaign goes."""

    email: str | None = None
    plan: str | None = None
    balance_before: int | None = None
    quoted: int | None = None
    charged: int | None = None
    balance_after: int | None = None
    ledger_credits: int | None = None
    bundle: Bundle | None = None
    account: BundleAccountDetails | None = None
    videos: list[Video] = attrs.Factory(list)
    uploads: list[tuple[str, int | None]] = attrs.Factory(list)
    webhooks_sent: int = 0
    webhooks_verified: Counter[str] = attrs.Factory(Counter)
    webhooks_rejected: int = 0
    forged_rejected: bool = False
    totals: dict[str, Any] = attrs.Factory(dict)
    simulated: dt.timedelta = dt.timedelta()
    refusal: Refusal | None = None


def campaign(ctx: Context) -> Flow[Report]:
    c, d, emu = ctx.client, ctx.display, ctx.emulator
    report = Report()
    started = emu.now

    d.step("Checking the API key")
    me: User = yield c.me.get()
    report.email, report.plan = me.email, me.plan
    d.note(f"{me.email}, plan {me.plan}, {me.credits} credits")

    d.step("Reading prices and balance")
    costs: CreditCosts = yield c.credits.costs()
    balance: CreditBalance = yield c.credits.balance()
    report.balance_before = balance.total_credits
    d.note(
        f"account {costs.price('account_creation')} credits, video slot "
        f"{costs.price('video_upload')}; balance {balance.total_credits}"
    )

    d.step("Registering a webhook endpoint (a local receiver)")
    endpoint: WebhookEndpoint = yield c.webhooks.create(
        url=ctx.receiver.url, events=["*"], description="tokportal demo receiver"
    )
    expect(bool(endpoint.signing_secret), "the endpoint came back without its signing secret")
    ctx.receiver.secret = endpoint.signing_secret  # shown once: a real app stores it now
    d.note(f"{endpoint.id} -> {ctx.receiver.url}")

    report.bundle = yield from buy_bundle(ctx, report, costs)
    if report.bundle is None:  # refused for want of credits, as the balance said it would be
        report.ledger_credits = emu.workspace.credits
        report.simulated = emu.now - started
        return report
    bundle_id = str(report.bundle.id)

    avatar, clips = yield from upload_media(ctx, report, bundle_id)
    yield from configure(ctx, bundle_id, avatar, clips)

    d.step("Publishing")
    readiness: PublishReadiness = yield c.bundles.publish_readiness(bundle_id)
    expect(readiness.is_ready, f"the bundle is not ready: {readiness.blocker_codes}")
    published: Bundle = yield c.bundles.publish(bundle_id)
    d.note(f"ready, no blockers; bundle {published.status}")

    report.bundle = yield from manager_at_work(ctx, bundle_id)
    report.account = yield c.bundles.account.get(bundle_id)
    slots: ModelList[Video] = yield c.bundles.videos.list(bundle_id)
    report.videos = list(slots)

    yield from read_analytics(ctx, report)
    yield from check_webhooks(ctx, report)

    after: CreditBalance = yield c.credits.balance()
    report.balance_after = after.total_credits
    report.ledger_credits = emu.workspace.credits
    expect(
        report.balance_before is not None
        and report.charged is not None
        and after.total_credits == report.balance_before - report.charged,
        f"balance {after.total_credits} after spending {report.charged} of {report.balance_before}",
    )
    report.simulated = emu.now - started
    return report


def buy_bundle(ctx: Context, report: Report, costs: CreditCosts) -> Flow[Bundle | None]:
    """The bundle bought, or None when the API refused the order for want of credits and
    the balance read before said it would."""
    c, d = ctx.client, ctx.display

    def order(*, dry_run: bool) -> Any:
        return c.bundles.create(
            bundle_type="account_and_videos",
            platform="tiktok",
            country="US",
            videos_quantity=VIDEOS,
            title="Sunny mornings, spring launch",
            external_ref=f"demo-campaign-{ctx.seed}",
            dry_run=dry_run,
        )

    account_price, slot_price = costs.price("account_creation"), costs.price("video_upload")
    expected: int | None = None
    if account_price is not None and slot_price is not None:
        expected = account_price + VIDEOS * slot_price
    too_poor = (
        expected is not None
        and report.balance_before is not None
        and report.balance_before < expected
    )

    d.step(f"Quoting an account + {VIDEOS} videos bundle (dry run)")
    if too_poor:
        d.note(
            f"the balance ({report.balance_before}) is below the price ({expected}): expect a 402"
        )
    try:
        quote: BundleResult = yield order(dry_run=True)
    except InsufficientCreditsError as exc:
        if not too_poor:
            raise  # the balance was enough: this refusal is a real failure
        yield from refused(ctx, report, exc)
        return None
    expect(quote.dry_run is True, "the quote was not answered as a dry run")
    report.quoted = quote.credits_would_charge
    if expected is not None:
        expect(report.quoted == expected, f"quoted {report.quoted}, the prices say {expected}")
    unchanged: CreditBalance = yield c.credits.balance()
    expect(
        unchanged.total_credits == report.balance_before,
        f"the dry run changed the balance: {report.balance_before} -> {unchanged.total_credits}",
    )
    d.note(f"would charge {report.quoted} credits; balance still {unchanged.total_credits}")

    d.step("Buying the bundle")
    created: BundleResult = yield order(dry_run=False)
    expect(created.bundle is not None and bool(created.bundle.id), "no bundle id in the answer")
    assert created.bundle is not None
    report.charged = created.credits_charged
    expect(report.charged == report.quoted, f"charged {report.charged}, quoted {report.quoted}")
    d.note(
        f"{created.bundle.id} ({created.bundle.status}): charged {created.credits_charged}, "
        f"{created.credits_remaining} left"
    )
    return created.bundle


def refused(ctx: Context, report: Report, exc: InsufficientCreditsError) -> Flow[None]:
    """The expected refusal: say why, and show that it cost nothing."""
    c, d = ctx.client, ctx.display
    details = exc.details
    report.refusal = Refusal(
        code=exc.code,
        status=exc.status_code,
        required=details.get("required"),
        available=details.get("available"),
        missing=details.get("missing"),
        request_id=exc.request_id,
    )
    d.note(
        f"refused, as expected: {exc.code} ({exc.status_code}): needs "
        f"{details.get('required')} credits, the balance is {details.get('available')}"
    )
    after: CreditBalance = yield c.credits.balance()
    report.charged, report.balance_after = 0, after.total_credits
    expect(
        after.total_credits == report.balance_before,
        f"the refused order changed the balance: {report.balance_before} -> {after.total_credits}",
    )
    d.note(f"nothing was charged: balance still {after.total_credits}")


def upload_media(
    ctx: Context, report: Report, bundle_id: str
) -> Flow[tuple[ImageUpload, list[VideoUpload]]]:
    c, d = ctx.client, ctx.display
    d.step(f"Uploading a profile picture and {len(ctx.media.clips)} videos (streamed)")
    bar = d.transfer(ctx.media.avatar.name)
    avatar: ImageUpload = yield c.uploads.image(
        ctx.media.avatar, bundle_id=bundle_id, purpose="profile_picture", progress=bar
    )
    bar.finish(f"{avatar.filename}  {human_size(avatar.size_bytes)}  -> {avatar.storage_path}")
    report.uploads.append((str(avatar.filename), avatar.size_bytes))
    clips: list[VideoUpload] = []
    for path in ctx.media.clips:
        bar = d.transfer(path.name)
        clip: VideoUpload = yield c.uploads.video(path, bundle_id=bundle_id, progress=bar)
        expect(
            clip.size_bytes == path.stat().st_size,
            f"{path.name}: stored {clip.size_bytes} bytes of {path.stat().st_size}",
        )
        bar.finish(f"{clip.filename}  {human_size(clip.size_bytes)}  -> {clip.public_url}")
        report.uploads.append((str(clip.filename), clip.size_bytes))
        clips.append(clip)
    return avatar, clips


def configure(
    ctx: Context, bundle_id: str, avatar: ImageUpload, clips: list[VideoUpload]
) -> Flow[None]:
    c, d = ctx.client, ctx.display
    d.step("Configuring the account")
    account: BundleAccountDetails = yield c.bundles.account.configure(
        bundle_id,
        username=f"sunny.mornings_{ctx.seed}",
        visible_name="Sunny Mornings",
        biography="Slow coffee, early light, one good habit a day",
        profile_picture_url=str(avatar.storage_path),
    )
    d.note(f"@{account.username} ({account.status})")

    # A new account needs 3 days before its first post: one video a day from then on.
    first_day = ctx.emulator.now.date() + dt.timedelta(days=3)
    captions = ("Day one: the 6 am light", "Coffee, slowly", "A week of sunrises")
    slots = [
        VideoSlotConfig(
            position=n,
            video_type="video",
            target_publish_date=first_day + dt.timedelta(days=n - 1),
            description=captions[(n - 1) % len(captions)],
            video_url=str(clip.public_url),
        )
        for n, clip in enumerate(clips, start=1)
    ]
    d.step(f"Scheduling {len(slots)} videos in one batch")
    batch: BatchConfigureResult = yield c.bundles.videos.configure_batch(bundle_id, videos=slots)
    expect(
        not batch.failed_positions,
        f"slots refused: {[(e.position, e.code, e.message) for e in batch.errors]}",
    )
    days = ", ".join(str(v.target_publish_date) for v in batch.configured)
    d.note(f"{len(batch.configured)} configured, posting on {days}")


def _state(bundle: Bundle, slots: ModelList[Video]) -> str:
    counts = Counter(str(slot.status) for slot in slots)
    videos = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    return f"bundle {bundle.status}, account {bundle.account_status}, videos: {videos}"


def _elapsed(delta: dt.timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    return f"+{hours // 24}d{hours % 24:02d}h"


def manager_at_work(ctx: Context, bundle_id: str) -> Flow[Bundle]:
    """Move the emulator's clock in steps, approving what the manager sends for review."""
    c, d, emu = ctx.client, ctx.display, ctx.emulator
    d.step(f"The account manager at work (simulated time, {STEP_HOURS} h steps)")
    started, last = emu.now, ""
    for _ in range(MAX_STEPS):
        emu.advance(hours=STEP_HOURS)
        bundle: Bundle = yield c.bundles.get(bundle_id)
        slots: ModelList[Video] = yield c.bundles.videos.list(bundle_id)
        state = _state(bundle, slots)
        if state != last:
            d.note(f"{_elapsed(emu.now - started)}  {state}")
            last = state
        approved: list[str] = []
        if bundle.account_status == AccountStatus.IN_REVIEW:
            yield c.bundles.account.finalize(bundle_id)
            approved.append("the account")
        for slot in slots:
            if slot.status == VideoStatus.IN_REVIEW and slot.position is not None:
                yield c.bundles.videos.finalize(bundle_id, slot.position)
                approved.append(f"video {slot.position} ({slot.post_url})")
        if approved:
            d.note(f"{_elapsed(emu.now - started)}  approved {', '.join(approved)}")
            bundle = yield c.bundles.get(bundle_id)
        if bundle.status == BundleStatus.COMPLETED:
            d.note(f"{_elapsed(emu.now - started)}  bundle completed")
            return bundle
    raise DemoError(f"the bundle did not complete in {MAX_STEPS * STEP_HOURS} simulated hours")


def read_analytics(ctx: Context, report: Report) -> Flow[None]:
    c, d, emu = ctx.client, ctx.display, ctx.emulator
    emu.advance(days=ANALYTICS_DAYS)
    d.step(f"Reading analytics, {ANALYTICS_DAYS} simulated days later")
    dashboard: AnalyticsDashboard = yield c.analytics.dashboard()
    totals: Mapping[str, Any] = dashboard.totals or {}
    report.totals = {name: totals.get(name) for name in METRICS}
    expect(totals.get("posts") == VIDEOS, f"the dashboard counts {totals.get('posts')} posts")
    saved_id = report.account.saved_account_id if report.account else None
    if saved_id:
        account: AnalyticsAccount = yield c.analytics.get_account(saved_id)
        d.note(f"@{account.username}: {account.followers} followers")
    d.note("dashboard: " + ", ".join(f"{report.totals[m]} {m}" for m in METRICS))


def check_webhooks(ctx: Context, report: Report) -> Flow[None]:
    d, emu, receiver = ctx.display, ctx.emulator, ctx.receiver
    d.step("Verifying the webhooks the local receiver got")
    flushed: bool = yield Blocking(emu.flush_webhooks)
    expect(flushed, "webhook deliveries were still pending after 5 s")
    sent = [x for x in emu.webhook_deliveries if x.url == receiver.url]
    report.webhooks_sent = len(sent)
    report.webhooks_verified = receiver.verified_by_type()
    report.webhooks_rejected = len(receiver.rejected())
    verified = sum(report.webhooks_verified.values())
    expect(
        report.webhooks_rejected == 0,
        f"{report.webhooks_rejected} genuine deliveries failed verification",
    )
    expect(verified == len(sent) > 0, f"{len(sent)} deliveries sent, {verified} verified")

    # What an attacker replaying a delivery with another body gets: a 400, nothing handled.
    genuine = receiver.deliveries[0]
    forged = genuine.body.replace(b"{", b'{"injected":true,', 1)
    headers = {
        name: value
        for name, value in genuine.headers.items()
        if name.startswith("tokportal-") or name == "content-type"
    }
    status: int = yield Blocking(lambda: receiver.post(forged, headers))
    report.forged_rejected = status == 400 and len(receiver.rejected()) == 1
    expect(report.forged_rejected, f"a forged delivery was answered {status}")
    d.note(f"{verified} signed deliveries verified; 1 forged delivery rejected (400)")
