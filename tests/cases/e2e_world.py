"""One emulated TokPortal world holding the state every one of the 91 operations needs.

Built once per test module by a plain function with the sync ``TokPortal`` (both clients can
share one ``Emulator``), so it has no async code and lives once, outside the twinned folders:
``tests/_async/test_e2e_operations.py`` and its generated sync twin both build on it.
The business clock moves only here; tests never ``advance`` it, so what is built stays in the
state it was built in.

State a call can use only once (an account in review, a video to finalize, a comment task to
approve, ...) comes in small pools: :meth:`World.take` hands out one entry per call, and each
pool holds two entries (one per async backend; the sync twin builds its own world).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from tokportal import TokPortal
from tokportal.testing import Emulator

START = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.timezone.utc)  # a Monday, 09:00 UTC
POST_DAY = (START + dt.timedelta(days=3)).date()  # the earliest allowed target day
PICTURE = b"\xff\xd8\xff\xe0-emulated-jpeg"
VIDEO = b"\x00\x00\x00\x18ftypmp42-emulated-video"
TARGET_VIDEO = "https://www.tiktok.com/@someone/video/7300000000000000{n:03d}"
POOL_SIZE = 2
# Enough for every test creation; the emulator's per-key limit is not what these tests check.
CREDITS = 100_000
REQUESTS_PER_MINUTE = 1_000_000


@attrs.define
class World:
    """Ids of what was built, and pools of one-shot state."""

    emu: Emulator
    picture_path: str  # storage_path of an uploaded profile picture
    webhook_id: str  # https://hooks.example.com endpoint subscribed to "*": deliveries recorded
    delivery_id: str
    account_id: str  # the main delivered account (active Coverage, posted videos)
    bundle_id: str  # its bundle: completed, every video finalized
    video_ids: list[str]  # its finalized videos; the first has an ad-code request
    warming_session_id: str
    comment_task_id: str
    coverage_account_id: str  # for cancel / reactivate
    consent_account_id: str  # for credential reveal and verification codes
    banned_account_id: str
    draft_bundle_id: str  # pending_setup, account and slot 1 configured, 6 slots, 2 edits
    published_bundle_id: str  # published (not yet accepted), slot 1 published
    pools: dict[str, list[Any]]

    def take(self, pool: str) -> Any:
        """One entry of a one-shot pool; each call that consumes state takes its own."""
        entries = self.pools[pool]
        assert entries, f"pool {pool!r} is empty: a one-shot call ran more than {POOL_SIZE} times"
        return entries.pop(0)


def new_emulator(seed: int = 5) -> Emulator:
    return Emulator(
        seed=seed,
        initial_credits=CREDITS,
        rate_limit_per_minute=REQUESTS_PER_MINUTE,
        start_time=START,
    )


def _publish_bundle(
    c: TokPortal,
    picture: str,
    name: str,
    *,
    videos: int = 0,
    day: dt.date = POST_DAY,
    **fields: Any,
) -> str:
    """A configured bundle sent to its manager (``videos`` slots configured on ``day``)."""
    if videos:
        created = c.bundles.create(
            bundle_type="account_and_videos",
            platform="tiktok",
            country="US",
            videos_quantity=videos,
            **fields,
        )
    else:
        created = c.bundles.create(
            bundle_type="account_only", platform="tiktok", country="US", **fields
        )
    assert created.bundle is not None and created.bundle.id is not None
    bundle_id = created.bundle.id
    c.bundles.account.configure(
        bundle_id,
        username=name.replace("-", "_"),
        visible_name=name,
        biography=f"The {name} account",
        profile_picture_url=picture,
    )
    for position in range(1, videos + 1):
        c.bundles.videos.configure(
            bundle_id,
            position,
            video_type="video",
            target_publish_date=day,
            description=f"{name} video {position}",
            video_url="https://cdn.example.com/clip.mp4",
        )
    c.bundles.publish(bundle_id)
    return bundle_id


def _saved_account(c: TokPortal, bundle_id: str) -> str:
    account = c.bundles.account.finalize(bundle_id)
    assert account.status == "finalized", account
    saved = c.bundles.get(bundle_id).saved_account_id
    assert saved is not None
    return saved


def build_world(emu: Emulator) -> World:
    """Create, configure, publish and advance bundles until every operation has its state."""
    with TokPortal(api_key=emu.api_key, transport=emu.transport, rate_limit=None) as c:
        hook = c.webhooks.create(
            url="https://hooks.example.com/tokportal", events=["*"], description="e2e"
        )
        assert hook.id is not None
        # A picture needs a bundle to belong to: the first bundle's upload serves them all.
        first = c.bundles.create(
            bundle_type="account_and_videos",
            platform="tiktok",
            country="US",
            videos_quantity=3,
            wants_advanced_warming=True,
            advanced_warming_terms=["vegan meal prep", "tofu recipes", "plant protein"],
        )
        assert first.bundle is not None and first.bundle.id is not None
        picture = c.uploads.image(
            PICTURE, bundle_id=first.bundle.id, purpose="profile_picture", filename="me.jpg"
        ).storage_path
        assert picture is not None
        main = first.bundle.id
        c.bundles.account.configure(
            main,
            username="vegan.daily",
            visible_name="Vegan Daily",
            biography="Plant-based meals every day",
            profile_picture_url=picture,
        )
        for position in (1, 2, 3):
            c.bundles.videos.configure(
                main,
                position,
                video_type="video",
                target_publish_date=POST_DAY,
                description=f"Meal prep {position}",
                video_url="https://cdn.example.com/meal.mp4",
            )
        c.bundles.publish(main)
        # Two bundles whose posted videos are left in review; their accounts are delivered.
        spare_bundles = [_publish_bundle(c, picture, f"spare-{n}", videos=2) for n in (1, 2)]
        coverage, consent, banned = (
            _publish_bundle(c, picture, name) for name in ("coverage", "consent", "banned")
        )
        in_review = [_publish_bundle(c, picture, f"review-{n}") for n in range(4)]

        emu.advance(hours=25)  # accepted after 1 h, accounts in review 24 h later
        account_id = _saved_account(c, main)
        spare_accounts = [_saved_account(c, b) for b in spare_bundles]
        coverage_account, consent_account, banned_account = (
            _saved_account(c, b) for b in (coverage, consent, banned)
        )
        tasks = c.comments.create(
            tasks=[
                {
                    "saved_account_id": account_id,
                    "target_video_url": TARGET_VIDEO.format(n=n),
                    "comment_text": f"Great recipe, thanks! #{n}",
                }
                for n in range(16)
            ]
        )
        assert tasks.created_count == 16 and tasks.data is not None and tasks.data.created
        comment_task_id = str(tasks.data.created[0].id)

        # Videos are posted at 12:00 UTC on their day (75 h from START); accounts in review
        # since 25 h would be approved at 97 h, manually confirmed comments finalized at 100 h.
        emu.advance(hours=51)
        for position in (1, 2, 3):
            finalized = c.bundles.videos.finalize(main, position)
            assert finalized.status == "finalized", finalized
        videos = c.bundles.videos.list(main)
        video_ids = [str(v.id) for v in videos]
        ad_code = c.ad_codes.create(video_ids[0], note="launch")
        assert ad_code.credits_charged == 7
        c.accounts.create_edit_request(
            account_id, requested_username="vegan.daily2", requested_visible_name="Vegan Daily 2"
        )
        emu.ban_account(banned_account)
        sessions = c.warming.list_sessions(account_id)
        assert sessions and sessions[0].id is not None

        manual = [t.id for t in c.comments.list(status="manually_confirmed")]
        assert len(manual) >= 2 * POOL_SIZE, f"only {len(manual)} manually confirmed tasks"
        in_review_videos = [(bundle, position) for bundle in spare_bundles for position in (1, 2)]
        for bundle, position in in_review_videos:
            assert c.bundles.videos.get(bundle, position).status == "in_review"
        for bundle in in_review:
            assert c.bundles.account.get(bundle).status == "in_review"

        later = (emu.now + dt.timedelta(days=7)).date()
        draft = c.bundles.create(
            bundle_type="account_and_videos",
            platform="tiktok",
            country="US",
            videos_quantity=6,
            edits_quantity=2,
            title="Draft",
        )
        assert draft.bundle is not None and draft.bundle.id is not None
        draft_id = draft.bundle.id
        c.bundles.account.configure(
            draft_id,
            username="draft.one",
            visible_name="Draft One",
            biography="Not published yet",
            profile_picture_url=picture,
        )
        c.bundles.videos.configure(
            draft_id,
            1,
            video_type="video",
            target_publish_date=later,
            description="First draft video",
            video_url="https://cdn.example.com/draft.mp4",
        )
        published_id = _publish_bundle(c, picture, "published", videos=1, day=later)

        deliveries = c.webhooks.list_deliveries(hook.id).first_page().items
        assert deliveries and deliveries[0].id is not None

        return World(
            emu=emu,
            picture_path=picture,
            webhook_id=hook.id,
            delivery_id=deliveries[0].id,
            account_id=account_id,
            bundle_id=main,
            video_ids=video_ids,
            warming_session_id=str(sessions[0].id),
            comment_task_id=comment_task_id,
            coverage_account_id=coverage_account,
            consent_account_id=consent_account,
            banned_account_id=banned_account,
            draft_bundle_id=draft_id,
            published_bundle_id=published_id,
            pools={
                "ad_code_video": video_ids[1:],
                "finalize_account": in_review[:2],
                "account_corrections": in_review[2:],
                "finalize_video": in_review_videos[:2],
                "video_corrections": in_review_videos[2:],
                "approve_task": manual[:2],
                "dispute_task": manual[2:4],
                "rewarm_account": list(spare_accounts),
                "edit_request_account": list(spare_accounts),
            },
        )
