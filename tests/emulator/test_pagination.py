"""page/per_page pagination (API.md §1.8)."""

from __future__ import annotations

import httpx
import pytest

from tokportal.testing import Emulator

from .conftest import BASE_URL


@pytest.fixture
def rich(emu: Emulator) -> httpx.Client:
    emu = Emulator(initial_credits=10_000)
    client = httpx.Client(
        transport=emu.transport, base_url=BASE_URL, headers={"X-API-Key": emu.api_key}
    )
    response = client.post(
        "/bundles/bulk",
        json={"platforms": ["tiktok", "instagram"], "country": "FR", "accounts_count": 15},
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["data"]["bundle_ids"]) == 30
    return client


def test_pages_cover_everything_once(rich: httpx.Client) -> None:
    seen: list[str] = []
    page = 1
    while True:
        body = rich.get("/bundles", params={"page": page, "per_page": 7}).json()
        seen.extend(b["id"] for b in body["data"])
        assert body["pagination"] == {"page": page, "per_page": 7, "total": 30, "total_pages": 5}
        if page >= body["pagination"]["total_pages"]:
            break
        page += 1
    assert len(seen) == len(set(seen)) == 30


def test_defaults_and_limits(rich: httpx.Client) -> None:
    body = rich.get("/bundles").json()
    assert body["pagination"]["per_page"] == 25 and len(body["data"]) == 25
    assert len(rich.get("/bundles", params={"per_page": 100}).json()["data"]) == 30
    too_many = rich.get("/bundles", params={"per_page": 101})
    assert too_many.status_code == 400
    assert too_many.json()["error"]["details"]["field"] == "per_page"
    assert rich.get("/bundles", params={"page": 0}).status_code == 400
    assert rich.get("/bundles", params={"page": "two"}).status_code == 400
    beyond = rich.get("/bundles", params={"page": 9}).json()
    assert beyond["data"] == [] and beyond["pagination"]["total"] == 30


def test_filters_apply_to_every_page(rich: httpx.Client) -> None:
    body = rich.get("/bundles", params={"platform": "instagram", "per_page": 10, "page": 2}).json()
    assert body["pagination"]["total"] == 15
    assert {b["platform"] for b in body["data"]} == {"instagram"}


def test_credit_history_is_paginated_and_filtered(rich: httpx.Client) -> None:
    body = rich.get("/credits/history").json()
    assert body["pagination"]["total"] == 1
    row = body["data"][0]
    assert row["type"] == "debit" and row["amount"] == 30 * 32
    assert rich.get("/credits/history", params={"date_from": "2999-01-01"}).json()["data"] == []
    assert rich.get("/credits/history", params={"date_to": "nonsense"}).status_code == 400
