"""Authentication, key scopes and the headers every answer carries (API.md §1.2-§1.5)."""

from __future__ import annotations

import time

import httpx
import pytest

from tokportal.testing import Emulator

from .conftest import in_process


def error_code(response: httpx.Response) -> str:
    return str(response.json()["error"]["code"])


def test_default_key_format(emu: Emulator) -> None:
    key = emu.api_key
    assert key.startswith("sk_") and len(key) == 67
    assert all(c in "0123456789abcdef" for c in key[3:])
    assert key not in repr(emu)


def test_seed_makes_keys_reproducible() -> None:
    assert Emulator(seed=3).api_key == Emulator(seed=3).api_key != Emulator(seed=4).api_key


def test_missing_invalid_and_revoked_keys(any_client: httpx.Client, emu: Emulator) -> None:
    missing = any_client.get("/me", headers={"X-API-Key": ""})
    assert (missing.status_code, error_code(missing)) == (401, "AUTH_MISSING_KEY")
    invalid = any_client.get("/me", headers={"X-API-Key": "sk_" + "0" * 64})
    assert (invalid.status_code, error_code(invalid)) == (401, "AUTH_INVALID_KEY")
    key = emu.workspace.create_key()
    assert any_client.get("/me", headers={"X-API-Key": key}).status_code == 200
    emu.revoke_key(key)
    revoked = any_client.get("/me", headers={"X-API-Key": key})
    assert (revoked.status_code, error_code(revoked)) == (401, "AUTH_REVOKED_KEY")
    assert "X-RateLimit-Limit" not in revoked.headers
    assert revoked.headers["X-TokPortal-API-Version"] == "2026-05-25"


def test_read_and_write_scopes(emu: Emulator) -> None:
    with in_process(emu, emu.workspace.create_key(scope="read")) as reader:
        assert reader.get("/me").status_code == 200
        denied = reader.post("/bundles", json={"bundle_type": "account_only", "country": "USA"})
        assert (denied.status_code, error_code(denied)) == (403, "AUTH_INSUFFICIENT_SCOPE")
        assert denied.json()["error"]["details"] == {"key_scope": "read", "required_scope": "write"}
    with in_process(emu, emu.workspace.create_key(scope="write")) as writer:
        assert writer.get("/me").status_code == 403
        created = writer.post("/bundles", json={"bundle_type": "account_only", "country": "USA"})
        assert created.status_code == 200
    assert emu.workspace.credits == 1000 - 32


def test_success_headers_and_envelope(any_client: httpx.Client) -> None:
    response = any_client.get("/me")
    h = response.headers
    assert h["X-TokPortal-API-Version"] == "2026-05-25"
    assert h["X-TokPortal-API-Stability"] == "stable"
    assert h["X-TokPortal-Request-ID"].startswith("req_")
    assert h["X-RateLimit-Limit"] == "120"
    assert int(h["X-RateLimit-Remaining"]) == 119
    assert int(h["X-RateLimit-Reset"]) >= int(time.time())
    assert h["Content-Type"] == "application/json"
    data = response.json()["data"]
    assert {"email", "credits", "plan", "created_at"} <= set(data)


@pytest.mark.parametrize(
    ("given", "echoed"),
    [
        ("trace-123", True),
        ("x" * 128, True),
        ("x" * 129, False),
        ("has space", False),
        ("caf\u00e9", False),
    ],
)
def test_request_id_echo(client: httpx.Client, given: str, echoed: bool) -> None:
    # Bytes, so a non-ASCII value can be sent at all (httpx refuses non-ASCII str headers).
    response = client.get("/countries", headers={b"X-Request-ID": given.encode("utf-8")})
    got = response.headers["X-TokPortal-Request-ID"]
    assert (got == given) is echoed
    if not echoed:
        assert got.startswith("req_")


def test_error_envelope_shape(client: httpx.Client) -> None:
    response = client.get("/bundles/does-not-exist")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "BUNDLE_NOT_FOUND",
            "message": response.json()["error"]["message"],
            "details": {"id": "does-not-exist"},
        }
    }


def test_other_workspace_bundle_is_not_owned(emu: Emulator, client: httpx.Client) -> None:
    other = emu.create_workspace(credits=100)
    with in_process(emu, other.create_key()) as stranger:
        bundle = stranger.post(
            "/bundles", json={"bundle_type": "account_only", "country": "FR"}
        ).json()["data"]
    response = client.get(f"/bundles/{bundle['id']}")
    assert (response.status_code, error_code(response)) == (403, "BUNDLE_NOT_OWNED")
    assert other.credits == 100 - 32
    assert emu.workspace.credits == 1000


def test_reference_data(client: httpx.Client) -> None:
    countries = client.get("/countries").json()
    assert {"code": "USA", "name": "United States", "aliases": ["US"]} in countries["data"]
    assert countries["videos_only_countries"]
    costs = client.get("/credit-costs").json()["data"]["costs"]
    assert (
        costs["account_creation"],
        costs["video_upload"],
        costs["video_edit"],
        costs["advanced_warming"],
    ) == (32, 2, 3, 5)
    balance = client.get("/credits/balance").json()["data"]
    assert balance == {"total_credits": 1000, "credits": 1000, "expiring_within_7_days": 0}
    platforms = {p["id"]: p["orderable"] for p in client.get("/platforms").json()["data"]}
    assert platforms == {"tiktok": True, "instagram": True, "youtube": False}


def test_settings_update(client: httpx.Client) -> None:
    assert client.patch("/me", json={}).status_code == 400
    refused = client.patch("/me", json={"credits": 5})
    assert refused.json()["error"]["details"]["field"] == "credits"
    updated = client.patch("/me", json={"niche": "cooking"}).json()["data"]
    assert updated["settings"]["niche"] == "cooking"
