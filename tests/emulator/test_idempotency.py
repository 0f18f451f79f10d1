"""The Idempotency-Key replay ledger (API.md §1.9) and the emulator's choices where it is silent."""

from __future__ import annotations

import threading

import httpx
import pytest

from tokportal._operations import OPERATIONS
from tokportal.testing import Emulator

BODY = {"bundle_type": "account_only", "platform": "tiktok", "country": "USA"}
SENSITIVE = [op.operation_id for op in OPERATIONS.values() if op.is_sensitive]


def test_replay_returns_the_stored_answer_without_a_second_debit(
    emu: Emulator, any_client: httpx.Client
) -> None:
    first = any_client.post("/bundles", json=BODY, headers={"Idempotency-Key": "create-1"})
    second = any_client.post(
        "/bundles", json=dict(reversed(list(BODY.items()))), headers={"Idempotency-Key": "create-1"}
    )
    assert first.status_code == second.status_code == 200
    assert second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert second.json() == first.json()
    assert second.headers["X-TokPortal-Request-ID"] != first.headers["X-TokPortal-Request-ID"]
    assert emu.workspace.credits == 1000 - 32
    assert len(emu.workspace.bundles) == 1
    assert len(emu.workspace.transactions) == 1


def test_same_key_other_body_is_refused(emu: Emulator, client: httpx.Client) -> None:
    client.post("/bundles", json=BODY, headers={"Idempotency-Key": "k"})
    reused = client.post(
        "/bundles", json={**BODY, "country": "FRA"}, headers={"Idempotency-Key": "k"}
    )
    assert reused.status_code == 409
    assert reused.json()["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    other_path = client.patch("/me", json={"niche": "x"}, headers={"Idempotency-Key": "k"})
    assert other_path.json()["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert len(emu.workspace.bundles) == 1


def test_keys_are_per_workspace(emu: Emulator, client: httpx.Client) -> None:
    other = emu.create_workspace()
    client.post("/bundles", json=BODY, headers={"Idempotency-Key": "shared"})
    with httpx.Client(
        transport=emu.transport,
        base_url="http://x/api/ext",
        headers={"X-API-Key": other.create_key()},
    ) as c:
        response = c.post("/bundles", json=BODY, headers={"Idempotency-Key": "shared"})
    assert response.status_code == 200
    assert "Idempotent-Replayed" not in response.headers
    assert len(other.bundles) == 1


def test_client_errors_are_stored_and_replayed(emu: Emulator, client: httpx.Client) -> None:
    bad = {"bundle_type": "account_only", "country": "ATLANTIS"}
    first = client.post("/bundles", json=bad, headers={"Idempotency-Key": "bad"})
    second = client.post("/bundles", json=bad, headers={"Idempotency-Key": "bad"})
    assert first.status_code == second.status_code == 400
    assert second.headers["Idempotent-Replayed"] == "true"


def test_server_errors_are_not_stored(emu: Emulator, client: httpx.Client) -> None:
    emu.faults.inject("status", operation_id="createBundle", status=503, count=1)
    failed = client.post("/bundles", json=BODY, headers={"Idempotency-Key": "retry-me"})
    assert failed.status_code == 503
    retried = client.post("/bundles", json=BODY, headers={"Idempotency-Key": "retry-me"})
    assert retried.status_code == 200
    assert "Idempotent-Replayed" not in retried.headers
    assert emu.workspace.credits == 1000 - 32


def test_duplicate_while_first_in_flight(emu: Emulator, client: httpx.Client) -> None:
    emu.faults.inject("latency", operation_id="createBundle", latency=0.6, count=1)
    results: list[httpx.Response] = []
    first = threading.Thread(
        target=lambda: results.append(
            client.post("/bundles", json=BODY, headers={"Idempotency-Key": "slow"})
        )
    )
    first.start()
    # The first request holds its ledger claim while it sits in the injected latency.
    threading.Event().wait(0.2)
    duplicate = client.post("/bundles", json=BODY, headers={"Idempotency-Key": "slow"})
    first.join()
    assert duplicate.status_code == 409
    assert duplicate.json()["error"]["code"] == "IDEMPOTENCY_REQUEST_IN_PROGRESS"
    assert results[0].status_code == 200
    assert len(emu.workspace.bundles) == 1


@pytest.mark.parametrize("operation_id", SENSITIVE)
def test_sensitive_operations_reject_the_key_before_anything(
    emu: Emulator, client: httpx.Client, operation_id: str
) -> None:
    op = OPERATIONS[operation_id]
    path = op.path.replace("{id}", "00000000-0000-4000-8000-000000000000")
    response = client.request(op.method, path, json={}, headers={"Idempotency-Key": "nope"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE"
    assert emu.workspace.webhook_endpoints == {}


def test_key_on_get_is_ignored(client: httpx.Client) -> None:
    first = client.get("/me", headers={"Idempotency-Key": "g"})
    second = client.get("/me", headers={"Idempotency-Key": "g"})
    assert first.status_code == second.status_code == 200
    assert "Idempotent-Replayed" not in second.headers


def test_multipart_replay_ignores_the_boundary(emu: Emulator, client: httpx.Client) -> None:
    bundle = client.post(
        "/bundles", json={**BODY, "bundle_type": "account_and_videos", "videos_quantity": 1}
    ).json()["data"]
    sends = [
        client.post(
            "/upload/video/direct",
            files={"file": ("v.mp4", b"bytes", "video/mp4")},
            data={"bundle_id": bundle["id"]},
            headers={"Idempotency-Key": "upload-1"},
        )
        for _ in range(2)
    ]
    assert sends[1].headers["Idempotent-Replayed"] == "true"
    assert sends[0].json() == sends[1].json()
    assert len(emu._world.storage) == 1
