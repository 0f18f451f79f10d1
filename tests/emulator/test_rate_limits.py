"""Per-key token bucket (real time) and the workspace bundle capacity (API.md §1.7)."""

from __future__ import annotations

import time

import httpx

from tokportal.testing import Emulator

from .conftest import BASE_URL, in_process


def test_bucket_empties_then_429_with_retry_after() -> None:
    emu = Emulator(rate_limit_per_minute=60, rate_limit_burst=3)
    with in_process(emu) as c:
        remaining = [int(c.get("/countries").headers["X-RateLimit-Remaining"]) for _ in range(3)]
        assert remaining == [2, 1, 0]
        refused = c.get("/countries")
    assert refused.status_code == 429
    body = refused.json()["error"]
    assert body["code"] == "RATE_LIMIT_EXCEEDED"
    assert refused.headers["Retry-After"] == "1"
    assert body["details"]["retry_after_seconds"] == 1
    assert refused.headers["X-RateLimit-Limit"] == "3"
    assert refused.headers["X-RateLimit-Remaining"] == "0"


def test_bucket_refills_on_real_time() -> None:
    emu = Emulator(rate_limit_per_minute=600, rate_limit_burst=1)  # 10 tokens/s
    with in_process(emu) as c:
        assert c.get("/countries").status_code == 200
        assert c.get("/countries").status_code == 429
        time.sleep(0.12)
        assert c.get("/countries").status_code == 200


def test_retry_after_rounds_up() -> None:
    emu = Emulator(rate_limit_per_minute=12, rate_limit_burst=1)  # one token every 5 s
    with in_process(emu) as c:
        c.get("/countries")
        refused = c.get("/countries")
    assert refused.headers["Retry-After"] == "5"
    assert int(refused.headers["X-RateLimit-Reset"]) >= int(time.time()) + 4


def test_keys_have_separate_buckets() -> None:
    emu = Emulator(rate_limit_burst=1)
    with in_process(emu) as first, in_process(emu, emu.workspace.create_key()) as second:
        assert first.get("/countries").status_code == 200
        assert first.get("/countries").status_code == 429
        assert second.get("/countries").status_code == 200


def test_business_clock_does_not_refill_the_bucket() -> None:
    emu = Emulator(rate_limit_per_minute=1, rate_limit_burst=1)
    with in_process(emu) as c:
        c.get("/countries")
        emu.advance(days=1)
        assert c.get("/countries").status_code == 429


def test_self_throttling_client_reaches_the_limit() -> None:
    """A client pacing itself on the headers gets close to the advertised throughput."""
    emu = Emulator(rate_limit_per_minute=600, rate_limit_burst=20)
    done = refused = 0
    started = time.monotonic()
    with httpx.Client(
        transport=emu.transport, base_url=BASE_URL, headers={"X-API-Key": emu.api_key}
    ) as c:
        while done < 40:
            r = c.get("/countries")
            if r.status_code == 429:
                refused += 1
                time.sleep(0.1)
                continue
            done += 1
            if int(r.headers["X-RateLimit-Remaining"]) == 0:
                time.sleep(0.1)
    elapsed = time.monotonic() - started
    # 20 from the burst, 20 more at 10/s => ~2 s; allow scheduling slack.
    assert elapsed < 3.5
    assert refused <= 3


def test_capacity_cooldown_for_creation_and_publication(
    emu: Emulator, client: httpx.Client
) -> None:
    emu.set_capacity(2, 0.3)
    body = {"bundle_type": "account_only", "country": "USA"}
    assert client.post("/bundles", json=body).status_code == 200
    assert client.post("/bundles", json=body).status_code == 200
    refused = client.post("/bundles", json=body)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "capacity_cooldown"
    assert int(refused.headers["Retry-After"]) >= 1
    assert emu.workspace.credits == 1000 - 64
    bulk = client.post(
        "/bundles/bulk", json={"platforms": ["tiktok"], "country": "USA", "accounts_count": 3}
    )
    assert (
        bulk.status_code == 429
    )  # larger than the whole window: refused entirely, nothing debited
    assert len(emu.workspace.bundles) == 2
    time.sleep(0.35)
    assert client.post("/bundles", json=body).status_code == 200
