"""Fixtures: an emulator, and plain httpx clients talking to it in-process or over sockets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from tokportal.testing import Emulator

BASE_URL = "https://app.tokportal.com/api/ext"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(seed=7) as emulator:
        yield emulator


def in_process(emu: Emulator, key: str | None = None) -> httpx.Client:
    headers = {"X-API-Key": key if key is not None else emu.api_key}
    return httpx.Client(transport=emu.transport, base_url=BASE_URL, headers=headers)


@pytest.fixture
def client(emu: Emulator) -> Iterator[httpx.Client]:
    with in_process(emu) as c:
        yield c


@pytest.fixture(params=["in-process", "sockets"])
def any_client(request: pytest.FixtureRequest, emu: Emulator) -> Iterator[httpx.Client]:
    """The same test over the in-process transport and over real loopback sockets."""
    if request.param == "in-process":
        with in_process(emu) as c:
            yield c
        return
    with (
        emu.serve() as base_url,
        httpx.Client(base_url=base_url, headers={"X-API-Key": emu.api_key}, trust_env=False) as c,
    ):
        yield c


def future_date(emu: Emulator, days: int = 3) -> str:
    return (emu.now + timedelta(days=days)).date().isoformat()


def create_bundle(client: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {
        "bundle_type": "account_and_videos",
        "platform": "tiktok",
        "country": "USA",
        "videos_quantity": 2,
    }
    body.update(fields)
    # None leaves a field out (an account_only bundle takes no videos_quantity).
    body = {name: value for name, value in body.items() if value is not None}
    response = client.post("/bundles", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def configure_account(client: httpx.Client, bundle_id: str, username: str = "emu.user_1") -> None:
    upload = client.post(
        "/upload/image/direct",
        files={"file": ("me.jpg", b"\xff\xd8\xff-jpeg", "image/jpeg")},
        data={"bundle_id": bundle_id, "purpose": "profile_picture"},
    )
    assert upload.status_code == 200, upload.text
    response = client.put(
        f"/bundles/{bundle_id}/account",
        json={
            "username": username,
            "visible_name": "Emu User",
            "biography": "Testing things",
            "profile_picture_url": upload.json()["data"]["storage_path"],
        },
    )
    assert response.status_code == 200, response.text


def configure_video(
    client: httpx.Client, emu: Emulator, bundle_id: str, position: int = 1, **fields: Any
) -> dict[str, Any]:
    body = {
        "video_type": "video",
        "target_publish_date": future_date(emu),
        "description": "A video",
        "video_url": "https://cdn.example.com/v.mp4",
    }
    body.update(fields)
    response = client.put(f"/bundles/{bundle_id}/videos/{position}", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def ready_bundle(client: httpx.Client, emu: Emulator, **fields: Any) -> str:
    bundle_id = str(create_bundle(client, **fields)["id"])
    configure_account(client, bundle_id)
    configure_video(client, emu, bundle_id)
    return bundle_id


def delivered_account(client: httpx.Client, emu: Emulator, **fields: Any) -> tuple[str, str]:
    """A published bundle whose account went through review and was finalized: (bundle, account)."""
    bundle_id = ready_bundle(client, emu, **fields)
    assert client.post(f"/bundles/{bundle_id}/publish").status_code == 200
    emu.advance(hours=25)
    finalized = client.post(f"/bundles/{bundle_id}/account/finalize")
    assert finalized.status_code == 200, finalized.text
    saved_id = client.get(f"/bundles/{bundle_id}").json()["data"]["saved_account_id"]
    return bundle_id, str(saved_id)
