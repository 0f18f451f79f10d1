"""End to end over real loopback sockets (``emu.serve()``), on both clients: the create /
configure / publish flow, and 200 creations under ~30 % faults (half after the side effect)
ending in exactly 200 bundles and 200 debits."""

from __future__ import annotations

import datetime as dt

import pytest

from tests._async.test_e2e_faults import Sleeps, create_bundles
from tests.cases.e2e_faults import CREATIONS, check_exactly_once, faulty_emulator
from tests.cases.e2e_world import PICTURE
from tokportal import AsyncTokPortal
from tokportal.testing import Emulator

pytestmark = pytest.mark.anyio  # async-only


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback traffic never goes through a proxy from the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


async def test_create_configure_publish_flow_over_sockets() -> None:
    with Emulator(seed=3) as emu, emu.serve() as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        async with AsyncTokPortal(api_key=emu.api_key, base_url=base_url) as client:
            created = await client.bundles.create(
                bundle_type="account_and_videos", platform="tiktok", country="US", videos_quantity=1
            )
            assert created.bundle is not None and created.bundle.id is not None
            bundle_id = created.bundle.id
            assert created.credits_charged == 34
            picture = await client.uploads.image(
                PICTURE, bundle_id=bundle_id, purpose="profile_picture", filename="me.jpg"
            )
            assert picture.storage_path is not None
            await client.bundles.account.configure(
                bundle_id,
                username="socket.user",
                visible_name="Socket User",
                biography="Over the wire",
                profile_picture_url=picture.storage_path,
            )
            await client.bundles.videos.configure(
                bundle_id,
                1,
                video_type="video",
                target_publish_date=(emu.now + dt.timedelta(days=3)).date(),
                description="First video",
                video_url="https://cdn.example.com/first.mp4",
            )
            assert (await client.bundles.publish_readiness(bundle_id)).ready is True
            published = await client.bundles.publish(bundle_id)
            assert (published.id, published.status) == (bundle_id, "published")
            emu.advance(hours=1)
            assert (await client.bundles.get(bundle_id)).status == "accepted"
    operations = [r.operation_id for r in emu.requests]
    assert operations == [
        "createBundle",
        "uploadImageDirect",
        "configureBundleAccount",
        "configureBundleVideo",
        "getBundlePublishReadiness",
        "publishBundle",
        "getBundle",
    ]
    assert all(r.status == 200 for r in emu.requests)
    assert emu.workspace.credits == 1000 - 34


async def test_200_creations_under_faults_over_sockets() -> None:
    with faulty_emulator() as emu, emu.serve() as base_url:
        async with AsyncTokPortal(
            api_key=emu.api_key, base_url=base_url, max_retries=8, sleep=Sleeps(), rate_limit=None
        ) as client:
            results = await create_bundles(client)
        check_exactly_once(emu, results)
    assert len(results) == CREATIONS
