"""Injected faults, before and after the side effect, in-process and over sockets."""

from __future__ import annotations

import time

import httpx
import pytest

from tokportal.testing import Emulator

BODY = {"bundle_type": "account_only", "country": "USA"}


def test_reset_before_runs_nothing(emu: Emulator, any_client: httpx.Client) -> None:
    emu.faults.inject("reset_before", operation_id="createBundle", count=1)
    with pytest.raises((httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError)):
        any_client.post("/bundles", json=BODY, headers={"Idempotency-Key": "k1"})
    assert emu.workspace.credits == 1000 and emu.workspace.bundles == {}
    retried = any_client.post("/bundles", json=BODY, headers={"Idempotency-Key": "k1"})
    assert retried.status_code == 200 and "Idempotent-Replayed" not in retried.headers
    assert emu.requests[-2].status is None


def test_reset_after_applies_the_effect_once(emu: Emulator, any_client: httpx.Client) -> None:
    emu.faults.inject("reset_after", operation_id="createBundle", count=1)
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        any_client.post("/bundles", json=BODY, headers={"Idempotency-Key": "k2"})
    assert emu.workspace.credits == 1000 - 32 and len(emu.workspace.bundles) == 1
    retried = any_client.post("/bundles", json=BODY, headers={"Idempotency-Key": "k2"})
    assert retried.status_code == 200
    assert retried.headers["Idempotent-Replayed"] == "true"
    assert retried.json()["data"]["id"] in emu.workspace.bundles
    assert emu.workspace.credits == 1000 - 32 and len(emu.workspace.bundles) == 1


def test_reset_after_without_a_key_duplicates(emu: Emulator, client: httpx.Client) -> None:
    emu.faults.inject("reset_after", operation_id="createBundle", count=1)
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/bundles", json=BODY)
    client.post("/bundles", json=BODY)
    assert len(emu.workspace.bundles) == 2  # why the SDK always sends a key


def test_status_fault_and_rate_and_count(emu: Emulator, client: httpx.Client) -> None:
    emu.faults.inject("status", status=502, count=2)
    statuses = [client.get("/countries").status_code for _ in range(3)]
    assert statuses == [502, 502, 200]
    emu.faults.inject("status", operation_id="getCurrentUser", rate=0.0)
    assert client.get("/me").status_code == 200
    emu.faults.clear()
    emu.faults.inject("status", operation_id="listCountries", status=500, rate=0.5)
    outcomes = {client.get("/countries").status_code for _ in range(30)}
    assert outcomes == {200, 500}
    body = client.get("/nope")
    assert body.status_code == 404


def test_rate_limit_fault(emu: Emulator, any_client: httpx.Client) -> None:
    emu.faults.inject("rate_limit", operation_id="getCurrentUser", count=1)
    refused = any_client.get("/me")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert refused.headers["Retry-After"] == "1"
    assert any_client.get("/me").status_code == 200


def test_latency_fault(emu: Emulator, client: httpx.Client) -> None:
    emu.faults.inject("latency", operation_id="listCountries", latency=0.2, count=1)
    started = time.monotonic()
    client.get("/countries")
    assert time.monotonic() - started >= 0.2
    # Spent after one call (not timed: a loaded machine can take 0.2 s for any call).
    (rule,) = emu.faults.rules
    assert rule.remaining == 0
    assert not rule.matches("listCountries")
    assert emu.faults.draw("listCountries").latency == 0.0


def test_seeded_faults_are_reproducible() -> None:
    def pattern(seed: int) -> list[int]:
        emu = Emulator(seed=seed)
        emu.faults.inject("status", rate=0.5)
        with httpx.Client(
            transport=emu.transport, base_url="http://t/api/ext", headers={"X-API-Key": emu.api_key}
        ) as c:
            return [c.get("/countries").status_code for _ in range(20)]

    assert pattern(1) == pattern(1) != pattern(2)


def test_inject_validates_its_arguments(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="kind"):
        emu.faults.inject("explode")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="rate"):
        emu.faults.inject("status", rate=2)
